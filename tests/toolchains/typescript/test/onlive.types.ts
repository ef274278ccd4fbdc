// Type tests for the package generated from spec/onlive.md: every `@ts-expect-error` below must
// be needed, or tsc fails with "Unused '@ts-expect-error' directive". Compiled, never run.

import {
  type ElementClick,
  NoopSink,
  type OnliveEvent,
  Tracker,
  parseElementClick,
  parseEnvelope,
} from "../src/index.js";

const required: ElementClick = {
  form_data: {},
  element_label: "Send",
  element_type: "button",
  element_data: {},
  room_data: {},
  origin_medium: "web",
  origin_source: "google",
  extra: {},
};

export function typeTests(): void {
  const tracker = new Tracker(new NoopSink());
  tracker.elementClick(required);
  tracker.elementClick({ ...required, form_name: "signup", step_number: 2 });

  // @ts-expect-error: element_type is required
  tracker.elementClick({ form_data: {}, element_label: "Send", element_data: {}, room_data: {}, origin_medium: "web", origin_source: "google", extra: {} });

  tracker.elementClick({
    ...required,
    // @ts-expect-error: "Button" is not an ElementType (case counts)
    element_type: "Button",
  });

  tracker.elementClick({
    ...required,
    // @ts-expect-error: not a property of element_click
    not_in_table: 1,
  });

  tracker.elementClick({
    ...required,
    // @ts-expect-error: optional means may be absent, never null
    form_name: null,
  });

  // @ts-expect-error: exactOptionalPropertyTypes: leave it out instead of undefined
  tracker.elementClick({ ...required, form_name: undefined });

  tracker.elementClick({
    ...required,
    // @ts-expect-error: a number, not a string
    step_number: "2",
  });

  tracker.track({
    event: "element_click",
    // @ts-expect-error: the properties of another event
    properties: { event_type: "one_to_many" },
  });

  // @ts-expect-error: not an event of the plan
  const unknown: OnliveEvent["event"] = "element_clicked";
  void unknown;

  const result = parseEnvelope({});
  // @ts-expect-error: the value exists only once `ok` is checked
  void result.value;
  if (result.ok) {
    const name: OnliveEvent["event"] = result.value.event;
    void name;
  } else {
    const kind: "not_an_object" | "missing_property" | "unknown_property" | "wrong_type" | "unknown_event" | "not_in_enum" | "invalid_format" = result.error.kind;
    void kind;
  }

  const bare = parseElementClick({});
  if (bare.ok) {
    const typed: ElementClick = bare.value;
    // @ts-expect-error: wire names are the keys; there is no camelCase alias
    void typed.elementType;
  }
}
