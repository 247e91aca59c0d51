"""The search pane: query, highlighted hits, facets, explain, query help, index readiness."""
