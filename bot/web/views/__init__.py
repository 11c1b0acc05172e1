"""The web edge's views, one module per kind of answer (as datasette's `views/`)."""
