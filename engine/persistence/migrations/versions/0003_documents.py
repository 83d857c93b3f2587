"""Documents: bundle templates per version, write-once blobs, documents and revisions (append-only), letter-number sequences, signing
credentials; letterhead lines on OPDs and the letter-number format on tenants.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

_APPEND_ONLY = ("blob", "document_revision")


def upgrade() -> None:
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('letter_number_format', sa.String(length=128), nullable=True))
    with op.batch_alter_table('process_definition_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('templates_json', sa.Text(), server_default='{}', nullable=False))
    with op.batch_alter_table('opd', schema=None) as batch_op:
        batch_op.add_column(sa.Column('address', sa.String(length=512), nullable=True))
        batch_op.add_column(sa.Column('contact', sa.String(length=255), nullable=True))
    op.create_table('blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256')
    )
    op.create_table('document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('instance_id', sa.Integer(), nullable=True),
    sa.Column('public_id', sa.String(length=32), nullable=False),
    sa.Column('doc_key', sa.String(length=128), nullable=False),
    sa.Column('title', sa.String(length=255), nullable=False),
    sa.Column('template', sa.String(length=255), nullable=False),
    sa.Column('template_sha256', sa.String(length=64), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=True),
    sa.Column('classification', sa.String(length=64), nullable=True),
    sa.Column('number', sa.String(length=128), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('current_sha256', sa.String(length=64), nullable=False),
    sa.Column('revisions', sa.Integer(), nullable=False),
    sa.Column('slots_json', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['current_sha256'], ['blob.sha256'], ),
    sa.ForeignKeyConstraint(['instance_id'], ['process_instance.id'], ),
    sa.ForeignKeyConstraint(['opd_id'], ['opd.id'], ),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('public_id')
    )
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.create_index('ix_document_tenant', ['tenant_id', 'id'], unique=False)
        batch_op.create_index('ix_document_instance_key', ['instance_id', 'doc_key'], unique=False)
    op.create_table('document_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('field_name', sa.String(length=128), nullable=True),
    sa.Column('signer_user_id', sa.Integer(), nullable=True),
    sa.Column('signer_name', sa.String(length=255), nullable=True),
    sa.Column('signer_role', sa.String(length=255), nullable=True),
    sa.Column('capacity', sa.String(length=16), nullable=True),
    sa.Column('certificate_serial', sa.String(length=64), nullable=True),
    sa.Column('level', sa.String(length=8), nullable=True),
    sa.Column('template_sha256', sa.String(length=64), nullable=False),
    sa.Column('number', sa.String(length=128), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['document.id'], ),
    sa.ForeignKeyConstraint(['sha256'], ['blob.sha256'], ),
    sa.ForeignKeyConstraint(['signer_user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('document_id', 'seq', name='uq_document_revision_seq')
    )
    op.create_table('letter_sequence',
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_value', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.PrimaryKeyConstraint('tenant_id', 'unit', 'year')
    )
    op.create_table('signing_credential',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('certificate', sa.LargeBinary(), nullable=False),
    sa.Column('serial', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=512), nullable=False),
    sa.Column('not_after', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pkcs12', sa.LargeBinary(), nullable=True),
    sa.Column('config_json', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('signing_credential', schema=None) as batch_op:
        batch_op.create_index('ix_credential_holder', ['tenant_id', 'user_id', 'active'], unique=False)
    _create_guards()


def downgrade() -> None:
    _drop_guards()
    with op.batch_alter_table('signing_credential', schema=None) as batch_op:
        batch_op.drop_index('ix_credential_holder')
    op.drop_table('signing_credential')
    op.drop_table('letter_sequence')
    op.drop_table('document_revision')
    with op.batch_alter_table('document', schema=None) as batch_op:
        batch_op.drop_index('ix_document_instance_key')
        batch_op.drop_index('ix_document_tenant')
    op.drop_table('document')
    op.drop_table('blob')
    with op.batch_alter_table('opd', schema=None) as batch_op:
        batch_op.drop_column('contact')
        batch_op.drop_column('address')
    with op.batch_alter_table('tenant', schema=None) as batch_op:
        batch_op.drop_column('letter_number_format')
    with op.batch_alter_table('process_definition_version', schema=None) as batch_op:
        batch_op.drop_column('templates_json')


# A signed document is evidence: the database itself refuses to change or remove its bytes.
def _create_guards() -> None:
    dialect = op.get_bind().dialect.name
    for table in _APPEND_ONLY:
        if dialect == "sqlite":
            for event in ("UPDATE", "DELETE"):
                op.execute(f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                           f"BEGIN SELECT RAISE(ABORT, '{table} is write-once'); END")
        elif dialect == "postgresql":
            op.execute(f"CREATE OR REPLACE FUNCTION lintas_{table}_write_once() RETURNS trigger AS $$ "
                       f"BEGIN RAISE EXCEPTION '{table} is write-once'; END; $$ LANGUAGE plpgsql")
            op.execute(f"CREATE TRIGGER {table}_write_once BEFORE UPDATE OR DELETE ON {table} "
                       f"FOR EACH ROW EXECUTE FUNCTION lintas_{table}_write_once()")


def _drop_guards() -> None:
    dialect = op.get_bind().dialect.name
    for table in _APPEND_ONLY:
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_write_once ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS lintas_{table}_write_once()")
