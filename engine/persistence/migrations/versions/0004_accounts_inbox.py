"""Accounts and inbox buckets: users' access levels and password hashes, sign-in attempts (rate
limiting), the inbox bucket and first-opened moment of work items.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('access', sa.String(length=128), server_default='', nullable=False))
        batch_op.add_column(sa.Column('password_hash', sa.String(length=255), nullable=True))
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bucket', sa.String(length=16), server_default='lainnya', nullable=False))
        batch_op.add_column(sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('login_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempt_lookup', ['username', 'address', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempt_lookup')
    op.drop_table('login_attempt')
    with op.batch_alter_table('work_item', schema=None) as batch_op:
        batch_op.drop_column('opened_at')
        batch_op.drop_column('bucket')
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('password_hash')
        batch_op.drop_column('access')
