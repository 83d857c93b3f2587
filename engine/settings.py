"""Settings of a Lintas process, read once from ``LINTAS_*`` environment variables into a frozen dataclass."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_INSTANCE_DIR = "instance"


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {raw!r}") from exc


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {raw!r}") from exc


LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


def _level(raw: str) -> str:
    level = raw.strip().upper()
    if level not in LEVELS:
        raise ValueError(f"LINTAS_SIGNATURE_LEVEL must be one of {', '.join(LEVELS)}, got {raw!r}")
    return level


@dataclass(frozen=True)
class Settings:
    """Everything configurable; see README "Configuration" for each variable."""

    database_url: str
    instance_dir: Path
    default_tenant: str | None = None
    max_bpmn_bytes: int = 5 * 1024 * 1024
    script_timeout: float = 2.0
    script_memory_mb: int = 256
    sandbox_workers: int = 2
    max_task_data_bytes: int = 1024 * 1024
    sql_echo: bool = False
    processes_dir: Path | None = None
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_from: str = "lintas@localhost"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = True
    public_url: str = "http://127.0.0.1:8080"
    pki_dir: Path | None = None                 # the development PKI; None = <instance_dir>/pki
    trust_anchors: tuple[Path, ...] = ()        # production: PEM files of the trusted roots
    tsa_url: str | None = None
    ca_name: str | None = None                  # the CA named in documents' footers
    signature_level: str = "B-LTA"
    seal_passphrase: str | None = None
    remote_signer_url: str | None = None
    max_verify_bytes: int = 20 * 1024 * 1024
    secret_key: str | None = field(default=None, repr=False)   # web sessions; None = <instance_dir>/secret_key
    trusted_proxies: int = 0                    # reverse proxies in front of the web app (client address)
    # argon2id cost of password hashes (OWASP baseline); hashes made with other values are redone at sign-in
    argon2_time_cost: int = 2
    argon2_memory_kib: int = 19 * 1024
    argon2_parallelism: int = 1
    max_upload_bytes: int = 10 * 1024 * 1024    # one attachment (lampiran)
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        instance_dir = Path(env.get("LINTAS_INSTANCE_DIR") or DEFAULT_INSTANCE_DIR).resolve()
        url = env.get("LINTAS_DATABASE_URL") or f"sqlite:///{instance_dir / 'lintas.db'}"
        return cls(
            database_url=url,
            instance_dir=instance_dir,
            default_tenant=env.get("LINTAS_TENANT") or None,
            max_bpmn_bytes=_int(env, "LINTAS_MAX_BPMN_BYTES", 5 * 1024 * 1024),
            script_timeout=_float(env, "LINTAS_SCRIPT_TIMEOUT", 2.0),
            script_memory_mb=_int(env, "LINTAS_SCRIPT_MEMORY_MB", 256),
            sandbox_workers=_int(env, "LINTAS_SANDBOX_WORKERS", 2),
            max_task_data_bytes=_int(env, "LINTAS_MAX_TASK_DATA_BYTES", 1024 * 1024),
            sql_echo=(env.get("LINTAS_SQL_ECHO") or "").lower() in ("1", "true", "yes"),
            processes_dir=Path(env["LINTAS_PROCESSES_DIR"]).resolve() if env.get("LINTAS_PROCESSES_DIR") else None,
            smtp_host=env.get("LINTAS_SMTP_HOST") or None,
            smtp_port=_int(env, "LINTAS_SMTP_PORT", 587),
            smtp_from=env.get("LINTAS_SMTP_FROM") or "lintas@localhost",
            smtp_user=env.get("LINTAS_SMTP_USER") or None,
            smtp_password=env.get("LINTAS_SMTP_PASSWORD") or None,
            smtp_starttls=(env.get("LINTAS_SMTP_STARTTLS") or "true").lower() not in ("0", "false", "no"),
            public_url=(env.get("LINTAS_PUBLIC_URL") or "http://127.0.0.1:8080").rstrip("/"),
            pki_dir=Path(env["LINTAS_PKI_DIR"]).resolve() if env.get("LINTAS_PKI_DIR") else None,
            trust_anchors=tuple(Path(p).resolve() for p in (env.get("LINTAS_TRUST_ANCHORS") or "").split(os.pathsep)
                                if p.strip()),
            tsa_url=env.get("LINTAS_TSA_URL") or None,
            ca_name=env.get("LINTAS_CA_NAME") or None,
            signature_level=_level(env.get("LINTAS_SIGNATURE_LEVEL") or "B-LTA"),
            seal_passphrase=env.get("LINTAS_SEAL_PASSPHRASE") or None,
            remote_signer_url=env.get("LINTAS_REMOTE_SIGNER_URL") or None,
            max_verify_bytes=_int(env, "LINTAS_MAX_VERIFY_BYTES", 20 * 1024 * 1024),
            secret_key=env.get("LINTAS_SECRET_KEY") or None,
            trusted_proxies=_int(env, "LINTAS_TRUSTED_PROXIES", 0),
            argon2_time_cost=_int(env, "LINTAS_ARGON2_TIME_COST", 2),
            argon2_memory_kib=_int(env, "LINTAS_ARGON2_MEMORY_KIB", 19 * 1024),
            argon2_parallelism=_int(env, "LINTAS_ARGON2_PARALLELISM", 1),
            max_upload_bytes=_int(env, "LINTAS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
        )

    @property
    def pki_path(self) -> Path:
        return self.pki_dir or self.instance_dir / "pki"
