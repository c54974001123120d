"""File in, domain objects or a list of problems out."""
