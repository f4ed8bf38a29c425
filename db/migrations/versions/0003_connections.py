"""connections: connected sources, tracked accounts, OAuth states, sync runs, log lines and locks

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-30 12:30:00
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def _utc(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "connection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("source", _TEXT(), nullable=False),
        sa.Column("external_id", _TEXT(), nullable=False),
        sa.Column("connected_as", _TEXT(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("state", _TEXT(), nullable=False),
        sa.Column("token_blob", sa.Text(), nullable=True),
        _utc("expires_at"),
        sa.Column("created_by", _TEXT(), nullable=True),
        sa.Column("last_error", _TEXT(), nullable=True),
        _utc("created_at"),
        _utc("updated_at"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "source", "external_id"),
    )
    with op.batch_alter_table("connection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_connection_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "oauth_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("source", _TEXT(), nullable=False),
        sa.Column("state", _TEXT(), nullable=False),
        sa.Column("verifier", _TEXT(), nullable=False),
        sa.Column("user", _TEXT(), nullable=True),
        sa.Column("redirect_uri", _TEXT(), nullable=False),
        _utc("created_at"),
        _utc("expires_at"),
        _utc("used_at"),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("state"),
    )
    with op.batch_alter_table("oauth_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_oauth_state_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "tracked_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("external_id", _TEXT(), nullable=False),
        sa.Column("handle", _TEXT(), nullable=False),
        sa.Column("name", _TEXT(), nullable=True),
        sa.Column("url", _TEXT(), nullable=True),
        sa.Column("network", _TEXT(), nullable=True),
        sa.Column("client", _TEXT(), nullable=False),
        sa.Column("specialist", _TEXT(), nullable=True),
        sa.Column("specialist_since", sa.Date(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("synced_through", sa.Date(), nullable=True),
        _utc("last_synced_at"),
        _utc("created_at"),
        sa.ForeignKeyConstraint(["connection_id"], ["connection.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("connection_id", "external_id"),
    )
    with op.batch_alter_table("tracked_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tracked_account_connection_id"), ["connection_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_tracked_account_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "sync_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("connection_id", sa.Integer(), nullable=False),
        sa.Column("trigger", _TEXT(), nullable=False),
        sa.Column("status", _TEXT(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("rows", sa.BigInteger(), nullable=False),
        sa.Column("error", _TEXT(), nullable=True),
        sa.Column("notes", _TEXT(), nullable=True),
        _utc("started_at"),
        _utc("heartbeat_at"),
        _utc("finished_at"),
        sa.ForeignKeyConstraint(["connection_id"], ["connection.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_run", schema=None) as batch_op:
        batch_op.create_index("ix_sync_run_connection_started", ["connection_id", "started_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_run_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "sync_log_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        _utc("at"),
        sa.Column("level", _TEXT(), nullable=False),
        sa.Column("message", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["sync_run.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_log_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_log_line_run_id"), ["run_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sync_log_line_workspace_id"), ["workspace_id"], unique=False)

    op.create_table(
        "sync_lock",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("tracked_account_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("owner", _TEXT(), nullable=False),
        _utc("acquired_at"),
        _utc("expires_at"),
        sa.ForeignKeyConstraint(["run_id"], ["sync_run.id"]),
        sa.ForeignKeyConstraint(["tracked_account_id"], ["tracked_account.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tracked_account_id"),
    )
    with op.batch_alter_table("sync_lock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_lock_workspace_id"), ["workspace_id"], unique=False)


def downgrade() -> None:
    for table in ("sync_lock", "sync_log_line", "sync_run", "tracked_account", "oauth_state", "connection"):
        op.drop_table(table)
