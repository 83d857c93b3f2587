"""Acting officials (Plt, Plh, Pj) appointed by an admin for a period, in their own table so that
organisation-file reloads leave them alone; a unit's open work indexed with its sort columns
(ix_work_item_unit replaces ix_work_item_opd, its prefix).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('acting_appointment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tenant_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('capacity', sa.String(length=16), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.Column('decree', sa.String(length=255), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_by', sa.Integer(), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['ended_by'], ['app_user.id'], ),
    sa.ForeignKeyConstraint(['role_id'], ['role.id'], ),
    sa.ForeignKeyConstraint(['tenant_id'], ['tenant.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('acting_appointment', schema=None) as batch_op:
        batch_op.create_index('ix_acting_role', ['role_id', 'valid_to'], unique=False)
        batch_op.create_index('ix_acting_tenant', ['tenant_id', 'valid_from'], unique=False)
        batch_op.create_index('ix_acting_user', ['user_id', 'valid_to'], unique=False)
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.drop_index('ix_work_item_opd')
        batch_op.create_index('ix_work_item_unit', ['opd_id', 'status', 'due_at', 'created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.drop_index('ix_work_item_unit')
        batch_op.create_index('ix_work_item_opd', ['opd_id', 'status'], unique=False)
    with op.batch_alter_table('acting_appointment', schema=None) as batch_op:
        batch_op.drop_index('ix_acting_user')
        batch_op.drop_index('ix_acting_tenant')
        batch_op.drop_index('ix_acting_role')
    op.drop_table('acting_appointment')
