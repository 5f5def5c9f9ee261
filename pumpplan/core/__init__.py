"""The domain: the rule, the plan and the milk stash. Pure: no I/O, no clock, no words."""
