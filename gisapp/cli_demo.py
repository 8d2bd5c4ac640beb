"""`gisapp load-demo` with progress bars; the loading itself is in the services."""

from __future__ import annotations

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import create_engine, func, select, text

from gisapp.cli_users import create_demo_users
from gisapp.db import make_session_factory, session_scope
from gisapp.models import AdminUnit
from gisapp.services import demo_admin, demo_growing_areas, demo_pollution, demo_water
from gisapp.services.demo.plots import generate_plots
from gisapp.settings import Settings

DEMO_PLOTS = 1500


def run_load_demo(settings: Settings, url: str, console: Console, *, force: bool, seed: int) -> None:
    engine = create_engine(url)
    factory = make_session_factory(engine)
    with session_scope(factory) as session:
        units = session.execute(select(func.count()).select_from(AdminUnit)).scalar_one()
        if units and demo_growing_areas.demo_present(session) and not force:
            console.print("demo data already loaded (use --force to load it again)")
            if not demo_water.present(session):  # a database loaded before the water layers existed
                console.print(f"loaded {demo_water.load(session, seed)} demo water-supply works")
            if not demo_pollution.present(session):  # loaded before the pollution layers existed
                console.print(f"loaded {demo_pollution.load(session)} demo pollution sources")
            create_demo_users(factory, settings, console)
            return
    with Progress(console=console, transient=False) as progress, session_scope(factory) as session:
        provinces = demo_admin.read_units(settings.data_dir, "provinces")
        communes = demo_admin.read_units(settings.data_dir, "communes")
        task = progress.add_task("administrative units", total=len(provinces) + len(communes))
        demo_admin.load_admin_units(session, settings.data_dir, lambda n: progress.advance(task, n))
        crosswalk = progress.add_task("old→new commune crosswalk", total=1)
        demo_admin.load_crosswalk(session, settings.data_dir)
        progress.advance(crosswalk)
        plots = generate_plots(demo_growing_areas.demo_communes(communes), seed=seed, total=DEMO_PLOTS)
        task = progress.add_task("demo growing areas", total=len(plots))
        demo_growing_areas.load_plots(session, plots, lambda n: progress.advance(task, n))
        task = progress.add_task("demo water-supply works and tests", total=1)
        works = demo_water.load(session, seed)
        progress.advance(task)
        task = progress.add_task("demo pollution sources and samples", total=1)
        sources = demo_pollution.load(session)
        progress.advance(task)
        session.execute(text("ANALYZE admin_units"))
    console.print(
        f"loaded {len(provinces)} provinces, {len(communes)} communes, {len(plots)} demo growing areas, "
        f"{works} demo water-supply works and {sources} demo pollution sources"
    )
    create_demo_users(factory, settings, console)
    engine.dispose()
