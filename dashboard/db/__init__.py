"""Database layer: typed SQLAlchemy 2 models, engine/session handling and seed loading."""
