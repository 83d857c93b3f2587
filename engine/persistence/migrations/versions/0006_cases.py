"""Cases: comments on instances (append-only) and attachments (metadata; bytes in the write-once blob table).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('instance_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], ),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('instance_comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_instance', ['instance_id', 'id'], unique=False)
    op.create_table('attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=True),
    sa.Column('uploaded_by', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=128), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('linked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], ),
    sa.ForeignKeyConstraint(['sha256'], ['blob.sha256'], ),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.ForeignKeyConstraint(['uploaded_by'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_instance', ['instance_id', 'id'], unique=False)
        batch_op.create_index('ix_attachment_uploader', ['uploaded_by', 'instance_id'], unique=False)
    _guard_comments()


def downgrade() -> None:
    _unguard_comments()
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_attachment_uploader')
        batch_op.drop_index('ix_attachment_instance')
    op.drop_table('attachment')
    with op.batch_alter_table('instance_comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_instance')
    op.drop_table('instance_comment')


# What someone wrote on a case is part of its record: the database refuses to change or remove it.
def _guard_comments() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER instance_comment_no_{event.lower()} BEFORE {event} ON instance_comment "
                       "BEGIN SELECT RAISE(ABORT, 'instance_comment is append-only'); END")
    elif dialect == "postgresql":
        op.execute("CREATE OR REPLACE FUNCTION lintas_instance_comment_append_only() RETURNS trigger AS $$ "
                   "BEGIN RAISE EXCEPTION 'instance_comment is append-only'; END; $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER instance_comment_append_only BEFORE UPDATE OR DELETE ON instance_comment "
                   "FOR EACH ROW EXECUTE FUNCTION lintas_instance_comment_append_only()")


def _unguard_comments() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS instance_comment_no_update")
        op.execute("DROP TRIGGER IF EXISTS instance_comment_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS instance_comment_append_only ON instance_comment")
        op.execute("DROP FUNCTION IF EXISTS lintas_instance_comment_append_only()")
