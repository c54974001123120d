"""帮助: the user guide and 关于 with the licences."""
