"""A child process that imports and edits in a loop until it is killed (crash-safety tests).

    python -m tests.support.crash_child DB WORKBOOK

After each commit it prints a line: "IMPORT <batch id>" or "EDIT <project id> <total>".
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from app.exchange.import_plan import plan_import
from app.exchange.import_write import write_import
from app.infra.database import open_database
from app.projects.edits import update_project
from tests.support.campaigns import the_campaign


def main() -> None:
    """Import the workbook again and again (renamed each time), editing a project in between."""
    database = open_database(Path(sys.argv[1]), operator="crash")
    workbook = Path(sys.argv[2])
    round_number = 0
    while True:
        round_number += 1
        with database.sessions() as session:
            plan = plan_import(session, [workbook], campaign_id=the_campaign(session))
            for row in plan.rows:  # new projects every round: new names, no codes
                row.values["name"] = f"{row.values['name']}-{round_number}"
                row.values.pop("code", None)
                row.project_id, row.changes = None, []
                row.status = type(row.status).NEW
            batch = write_import(session, plan, workbook.name, campaign_id=the_campaign(session))
        print(f"IMPORT {batch}", flush=True)
        with database.sessions() as session:
            from sqlalchemy import select

            from db.models import Project

            project_id = session.scalars(select(Project.id).order_by(Project.id)).first()
            assert project_id is not None
            total = Decimal(round_number * 1000 + 17) / 100
            update_project(session, project_id, {"total_investment": total})
        print(f"EDIT {project_id} {total}", flush=True)


if __name__ == "__main__":
    main()
