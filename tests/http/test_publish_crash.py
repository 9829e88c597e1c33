"""A publish killed halfway leaves the old release or the new one, whole; never half of one.

A separate process publishes a staged upload and is stopped inside the publishing transaction,
right after a chosen statement (the new release row, its first observation, or the last write
before the commit). While it hangs there, readers must see exactly the old data; then it is
killed with SIGKILL, as the OOM killer or a lost host would. Afterwards the database must hold
the old release only, nothing of the new one, and the same upload must publish cleanly (so no
lock or half-written row outlived the dead process).

Runs on whichever database the suite uses: SQLite in the first run, PostgreSQL in the second.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support import data_fingerprint, fresh_client, quarter_csv

from dashboard import services

REPO = Path(__file__).resolve().parents[2]
ADMIN = services.Actor("crash-test", "admin")

PUBLISHER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import sqlalchemy as sa
    from dashboard.app import create_app
    from dashboard.config import Config
    from dashboard.db.session import get_db
    from dashboard import services

    database_url, instance, upload_id, pause_after, marker = sys.argv[1:6]
    app = create_app(Config(database_url=database_url, secret_key="x", instance_path=instance))

    with app.server.app_context():
        engine = get_db().engine
        if pause_after != "-":
            @sa.event.listens_for(engine, "after_cursor_execute")
            def hang(conn, cursor, statement, parameters, context, executemany):
                if statement.lstrip().upper().startswith(pause_after):
                    Path(marker).write_text(statement[:80])
                    time.sleep(600)  # inside the transaction, until killed

        release = services.publish_upload(services.Actor("crash-test", "admin"), int(upload_id))
        print(release.number)
    """
)

# Statements after which the publisher is killed, in the order publish_upload runs them.
PAUSE_POINTS = {
    "release-row": "INSERT INTO RELEASE",
    "first-observation": "INSERT INTO OBSERVATION",
    "before-commit": "INSERT INTO AUDIT_LOG",
}


def _publisher(database_url: str, tmp_path: Path, upload_id: int, pause_after: str, marker: Path):
    script = tmp_path / "publisher.py"
    script.write_text(PUBLISHER)
    return subprocess.Popen(
        [
            sys.executable,
            str(script),
            database_url,
            str(tmp_path / "publisher-instance"),
            str(upload_id),
            pause_after,
            str(marker),
        ],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _public_view(app) -> tuple[list, list]:
    client = fresh_client(app)
    observations = client.get("/api/v1/observations")
    releases = client.get("/api/v1/releases")
    assert observations.status_code == releases.status_code == 200
    return observations.get_json(), releases.get_json()


@pytest.mark.parametrize("point", list(PAUSE_POINTS))
def test_a_publish_killed_mid_transaction_leaves_the_old_release_whole(
    point, app, mutable_db, config, tmp_path
):
    with app.server.app_context():
        upload, report = services.stage_upload(ADMIN, quarter_csv(), "q.csv")
    assert report.ok and upload is not None
    before = data_fingerprint(mutable_db)
    view_before = _public_view(app)

    marker = tmp_path / "paused"
    publisher = _publisher(config.database_url, tmp_path, upload.id, PAUSE_POINTS[point], marker)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            if publisher.poll() is not None:
                pytest.fail(f"publisher ended before pausing: {publisher.communicate()}")
            assert time.monotonic() < deadline, "publisher never reached its pause point"
            time.sleep(0.05)
        # Mid-transaction: readers see the old data, not part of the new release.
        assert _public_view(app) == view_before
    finally:
        publisher.send_signal(signal.SIGKILL)
        publisher.wait(timeout=30)
    assert publisher.returncode == -signal.SIGKILL

    assert data_fingerprint(mutable_db) == before  # nothing of the new release survived
    assert _public_view(app) == view_before

    # Nothing the dead process held (locks, half rows) blocks the same upload from publishing.
    done = subprocess.run(
        [
            sys.executable,
            str(tmp_path / "publisher.py"),
            config.database_url,
            str(tmp_path / "publisher-instance"),
            str(upload.id),
            "-",
            str(marker),
        ],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    number = int(done.stdout.strip().splitlines()[-1])
    observations, releases = _public_view(app)
    assert [r["number"] for r in releases][:1] == [number]
    new_rows = [o for o in observations if o["period"] == "2025-Q3"]
    assert len(new_rows) == 15, json.dumps(new_rows)[:500]  # the new release, whole
    assert len(observations) == len(view_before[0]) + 15
