"""The entities pane: people, places and organizations, their details and corrections."""
