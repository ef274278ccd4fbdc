{{ header }}
{{ runtime }}
