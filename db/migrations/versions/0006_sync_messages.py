"""connections: sync notes and log lines kept as catalog codes + parameters (shown in the reader's language)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_run") as batch:
        batch.add_column(sa.Column("notes_json", sa.Text(), nullable=True))
    with op.batch_alter_table("sync_log_line") as batch:
        batch.add_column(sa.Column("code", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch.add_column(sa.Column("params_json", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_log_line") as batch:
        batch.drop_column("params_json")
        batch.drop_column("code")
    with op.batch_alter_table("sync_run") as batch:
        batch.drop_column("notes_json")
