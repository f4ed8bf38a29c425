"""Storage: SQLModel tables, engine factory, migrations and keyword-only repository functions."""
