"""Benchmark: a crowd on the dashboard. At a council meeting or an assembly people open the
dashboard on their phones at once; how long does each of them wait for a click?

What it does. It starts the real dashboard (`streamlit run dashboard.py`, with a store of its own
seeded from the demo data) and, beside it, a bare Streamlit app (bench/apps/bare_app.py: the demo
data cached, a school-year selectbox and one Plotly chart of the same yearly table), the floor
Streamlit itself sets. Both run from the repository, under the same Streamlit configuration
(.streamlit/config.toml): a setting there moves the floor too. Against each it opens --sessions
websocket sessions (no browsers, which would eat the CPU the server needs) speaking Streamlit's own
protocol as its frontend does: `/_stcore/stream` with the "streamlit" subprotocol, a `rerun_script`
BackMsg carrying the query string, the page and the state of every widget drawn, the ForwardMsg
cache (`ref_hash` messages answered from the session's own cache, whose hashes go back with each
rerun) and the widget defaults taken from the elements the server sent.

The scenario, for each page (--pages; the bare app has one): every session loads the page at the
same moment ("load"), then each changes a selectbox --clicks times as fast as the answers come, plus
a random think time of 0 to --think seconds (default 0: the worst case). A click on the Overview
picks another school year (`overview_year`), on Years another measure (`years_measure`), on the bare
app another school year. Each app is warmed first by one session (a load and a click on each page),
as a server that has been up a while would be.

How to read it. A time is from sending the rerun to the `script_finished` that ends it (a load
leaves out opening the websocket); a failure is a run that timed out, lost its connection, finished
other than successfully, or drew an exception element. "runs/s" is the runs completed over the
phase's wall time, and "CPU/run" the server's CPU seconds over its runs: near 1 / (runs/s) the runs
are serialised on one core (the GIL). Memory is the resident memory of the server and its children,
before the sessions connect and after their clicks with all of them still connected; the difference
is divided by the sessions. The last lines give dashboard / bare app at the median and at p95 of the
clicks and whether the goals hold: within 1.5x of the bare app at both, and a median click under
two seconds. This process shares the machine's cores with the servers; check `uptime` before
trusting a figure.

    .venv/bin/python bench/bench_crowd.py [--sessions 50] [--clicks 5] [--pages overview,years]
    .venv/bin/python bench/bench_crowd.py --url http://127.0.0.1:8501   # a dashboard running
    .venv/bin/python bench/bench_crowd.py --url URL --bare-url URL   # and the bare app running
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

REPO = Path(__file__).resolve().parents[1]
DASHBOARD = REPO / "dashboard.py"
BARE_APP = REPO / "bench" / "apps" / "bare_app.py"
GOAL_RATIO, GOAL_MEDIAN_S = 1.5, 2.0
SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]  # what the frontend sends without a cookie
WIDGETS = ("selectbox", "radio", "checkbox", "multiselect")  # whose defaults go with each rerun
CONTEXT = ContextInfo(
    timezone="Asia/Bishkek", timezone_offset=-360, locale="ky-KG", color_scheme="light"
)


@dataclass(frozen=True)
class Page:
    name: str
    path: str  # the URL path a browser opens: "" for the default page
    widget: str  # the key of the selectbox a click changes


PAGES = {
    "overview": Page("overview", "", "overview_year"),
    "years": Page("years", "years", "years_measure"),
}
BARE_PAGE = Page("(its page)", "", "bare_year")


@dataclass
class Outcome:
    seconds: float
    error: str | None = None


@dataclass
class Phase:
    outcomes: list[Outcome]
    wall_s: float
    cpu_s: float | None

    @property
    def times(self) -> list[float]:
        return sorted(o.seconds for o in self.outcomes if o.error is None)

    @property
    def failures(self) -> int:
        return sum(o.error is not None for o in self.outcomes)

    def errors(self) -> set[str]:
        return {o.error for o in self.outcomes if o.error}


@dataclass
class Crowd:
    app: str
    page: str
    sessions: int
    load: Phase
    clicks: Phase
    rss_mb: tuple[float, float] | None  # before the sessions connect, after their clicks


# --- one session, as the frontend speaks to the server ------------------------------------------
class ProtocolError(Exception):
    pass


@dataclass
class Tab:
    """One browser tab: its websocket, the ForwardMsg cache, the widgets of its last run."""

    url: str
    page: Page
    rng: random.Random
    socket: websockets.ClientConnection | None = None
    query_string: str = ""
    page_hash: str = ""
    cache: dict[str, list] = field(default_factory=dict)  # hash -> [message, run of last use]
    runs: int = 0
    max_age: int = 2
    widgets: dict[str, tuple[str, object]] = field(default_factory=dict)  # id -> (kind, proto)
    values: dict[str, WidgetState] = field(default_factory=dict)  # what this tab changed
    error: str = "not connected"  # why the socket is closed

    async def open(self) -> None:
        address = urlparse(self.url)
        self.socket = await websockets.connect(
            f"ws://{address.netloc}{address.path.rstrip('/')}/_stcore/stream",
            subprotocols=SUBPROTOCOLS,
            origin=f"{address.scheme}://{address.netloc}",
            ping_interval=None,  # the frontend sends no pings, only app heartbeats
            max_size=None,
            proxy=None,
            open_timeout=60,
        )

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
            self.socket = None

    async def load(self) -> Outcome:
        return await self.rerun(page_name=self.page.path, widget_states=[])

    async def click(self) -> Outcome:
        changed = self.change_widget()
        if changed is None:
            return Outcome(0.0, f"no widget {self.page.widget!r} drawn")
        self.values[changed.id] = changed
        return await self.rerun(page_name="", widget_states=self.widget_states())

    async def rerun(self, page_name: str, widget_states: list[WidgetState]) -> Outcome:
        state = ClientState(
            query_string=self.query_string,
            page_script_hash=self.page_hash,
            page_name=page_name,
            cached_message_hashes=list(self.cache),
            context_info=CONTEXT,
        )
        state.context_info.url = f"{self.url.rstrip('/')}/{self.page.path}"
        state.widget_states.widgets.extend(widget_states)
        start = time.perf_counter()
        await self.socket.send(BackMsg(rerun_script=state).SerializeToString())
        error = await self.until_finished()
        return Outcome(time.perf_counter() - start, error)

    async def until_finished(self) -> str | None:
        """Reads ForwardMsgs until this run's script_finished; the error the run showed, if any."""
        started, error, drawn = False, None, {}
        while True:
            message = self.resolve(ForwardMsg.FromString(await self.socket.recv()))
            kind = message.WhichOneof("type")
            if kind == "new_session":
                started, error, drawn = True, None, {}
                self.page_hash = message.new_session.page_script_hash
                self.max_age = message.new_session.config.max_cached_message_age or self.max_age
            elif kind == "navigation":
                self.page_hash = message.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = message.page_info_changed.query_string
            elif kind == "delta":
                error = error or read_delta(message.delta, drawn)
            elif kind == "script_finished" and started:
                if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    started = False  # a rerun the script asked for follows
                    continue
                self.age_cache()
                self.widgets = drawn
                return error or finish_error(message.script_finished)

    def resolve(self, message: ForwardMsg) -> ForwardMsg:
        """The frontend's ForwardMsg cache: keep cacheable messages, answer references."""
        if message.WhichOneof("type") == "ref_hash":
            entry = self.cache.get(message.ref_hash)
            if entry is None:
                raise ProtocolError(f"cached ForwardMsg missing: {message.ref_hash}")
            entry[1] = self.runs
            return entry[0]
        if message.metadata.cacheable and message.hash and message.hash not in self.cache:
            self.cache[message.hash] = [message, self.runs]
        return message

    def age_cache(self) -> None:
        self.runs += 1
        for key in [k for k, (_, used) in self.cache.items() if self.runs - used > self.max_age]:
            del self.cache[key]

    def widget_state(self, id_: str) -> WidgetState | None:
        """The value the tab shows: what it chose, or else the widget's default."""
        chosen = self.values.get(id_)
        return default_state(*self.widgets[id_]) if chosen is None else chosen

    def widget_states(self) -> list[WidgetState]:
        """Every widget the last run drew, with its value, as the frontend sends them."""
        states = (self.widget_state(id_) for id_ in self.widgets)
        return [state for state in states if state is not None]

    def change_widget(self) -> WidgetState | None:
        """The click: another option of the page's selectbox."""
        for id_, (kind, proto) in self.widgets.items():
            if kind == "selectbox" and id_.endswith(f"-{self.page.widget}"):
                current = self.widget_state(id_)
                others = [o for o in proto.options if current is None or o != current.string_value]
                return WidgetState(id=id_, string_value=self.rng.choice(others))
        return None


def read_delta(delta, drawn: dict) -> str | None:
    """Notes the widgets a delta draws; an exception element is the run's error."""
    if delta.WhichOneof("type") != "new_element":
        return None
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind == "exception":
        return f"exception: {element.exception.type}: {element.exception.message[:80]}"
    if kind in WIDGETS:
        proto = getattr(element, kind)
        if not proto.form_id:  # a form's widgets are sent only when it is submitted
            drawn[proto.id] = (kind, proto)
    return None


def finish_error(status: int) -> str | None:
    if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
        return None
    return f"script_finished {ForwardMsg.ScriptFinishedStatus.Name(status)}"


def default_state(kind: str, proto) -> WidgetState | None:
    """The value a widget shows before anyone touches it (the frontend sends it on every run)."""
    state = WidgetState(id=proto.id)
    if kind == "checkbox":
        state.bool_value = proto.value if proto.set_value else proto.default
    elif kind == "multiselect":
        chosen = proto.raw_values if proto.set_value else [proto.options[i] for i in proto.default]
        state.string_array_value.data.extend(chosen)
    elif proto.HasField("raw_value"):
        state.string_value = proto.raw_value
    elif proto.HasField("default") and proto.options:
        state.string_value = proto.options[proto.default]
    else:
        return None
    return state


# --- the crowd --------------------------------------------------------------------------------
async def timed(tab: Tab, action, timeout: float) -> Outcome:
    """One run of a tab; a tab that failed stays closed (a late answer would confuse it)."""
    if tab.socket is None:
        return Outcome(0.0, tab.error)
    start = time.perf_counter()
    try:
        return await asyncio.wait_for(action(), timeout)
    except TimeoutError:
        error = f"timeout after {timeout:.0f} s"
    except (OSError, ProtocolError, websockets.WebSocketException) as failure:
        error = f"{type(failure).__name__}: {failure}"
    await tab.close()
    tab.error = f"closed after {error}"
    return Outcome(time.perf_counter() - start, error)


async def connect(tab: Tab) -> None:
    try:
        await tab.open()
    except (OSError, websockets.WebSocketException) as failure:
        tab.error = f"could not connect: {type(failure).__name__}: {failure}"


async def clicks(tab: Tab, count: int, think: float, timeout: float) -> list[Outcome]:
    outcomes = []
    for _ in range(count):
        if think:
            await asyncio.sleep(tab.rng.uniform(0, think))
        outcomes.append(await timed(tab, tab.click, timeout))
    return outcomes


async def phase(pid: int | None, runs) -> Phase:
    cpu, start = cpu_seconds(pid), time.perf_counter()
    outcomes = await runs
    wall = time.perf_counter() - start
    used = None if cpu is None else cpu_seconds(pid) - cpu
    return Phase([o for group in outcomes for o in group], wall, used)


async def crowd(app: str, url: str, pid: int | None, page: Page, args) -> Crowd:
    tabs = [Tab(url, page, random.Random(f"{args.seed}-{i}")) for i in range(args.sessions)]
    before = rss_mb(pid)
    try:
        await asyncio.gather(*(connect(tab) for tab in tabs))
        loads = gather_lists(timed(tab, tab.load, args.timeout) for tab in tabs)
        load = await phase(pid, loads)
        runs = (clicks(tab, args.clicks, args.think, args.timeout) for tab in tabs)
        click = await phase(pid, asyncio.gather(*runs))
        after = rss_mb(pid)
    finally:
        await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)
    memory = None if before is None or after is None else (before, after)
    return Crowd(app, page.name, args.sessions, load, click, memory)


async def gather_lists(runs) -> list[list[Outcome]]:
    return [[outcome] for outcome in await asyncio.gather(*runs)]


async def warm_up(url: str, pages: list[Page], timeout: float) -> None:
    """One session loads each page and clicks once, so that no crowd pays for first imports."""
    for page in pages:
        tab = Tab(url, page, random.Random(0))
        await connect(tab)
        for outcome in [await timed(tab, tab.load, timeout), await timed(tab, tab.click, timeout)]:
            if outcome.error:
                print(f"warm-up of {url} {page.name}: {outcome.error}", file=sys.stderr)
        await tab.close()


async def measure_app(app: str, url: str, pid: int | None, pages: list[Page], args) -> list[Crowd]:
    await warm_up(url, pages, args.timeout)
    results = []
    for page in pages:
        results.append(await crowd(app, url, pid, page, args))
        await asyncio.sleep(1)  # let the server close the sessions before the next crowd
    return results


# --- the server: starting it, its memory and CPU -------------------------------------------------
@dataclass(frozen=True)
class Server:
    url: str
    pid: int | None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer,
        ):
            if answer.status == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"streamlit did not answer at {url}")


def stop(process: subprocess.Popen) -> None:
    """Ends the server and anything it started (its own process group)."""
    for sent, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sent)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=wait)
            return


@contextlib.contextmanager
def streamlit_server(script: Path, folder: Path):
    """`streamlit run script` on a free port, its store seeded from the demo in ``folder``."""
    port = free_port()
    server = f"--server.port {port} --server.address 127.0.0.1 --server.headless true".split()
    command = [sys.executable, "-m", "streamlit", "run", str(script), *server]
    environment = {**os.environ, "READINESS_DATA_DIR": str(folder)}
    log = folder / f"{script.stem}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, process)
        yield Server(url, process.pid)
    except Exception:
        print(f"{script.name}'s log ({log}):\n{log.read_text(errors='replace')[-3000:]}")
        raise
    finally:
        stop(process)


def listening_pid(url: str) -> int | None:
    """The local process listening on the URL's port, for a server this script did not start."""
    port = urlparse(url).port or 80
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{fields[9]}]")
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        with contextlib.suppress(OSError):
            if str(fd.readlink()) in inodes:
                return int(fd.parts[2])
    return None


def process_tree(pid: int) -> list[int]:
    found = [pid]
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            for child in children.read_text().split():
                found += process_tree(int(child))
    return found


def rss_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    total_kb = 0
    for member in process_tree(pid):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


def cpu_seconds(pid: int | None) -> float | None:
    if pid is None:
        return None
    ticks = 0
    for member in process_tree(pid):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


# --- printing ----------------------------------------------------------------------------------
def percentile(times: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted times."""
    return times[max(0, math.ceil(len(times) * share) - 1)] if times else float("nan")


def row(crowd: Crowd, name: str, phase: Phase) -> str:
    times = phase.times
    median = statistics.median(times) if times else float("nan")
    cpu = f"{phase.cpu_s / len(times):8.2f} s" if times and phase.cpu_s is not None else "       -"
    return (
        f"{crowd.app:10}{crowd.page:11}{name:7}{crowd.sessions:5}{len(phase.outcomes):6}"
        f"{median:8.2f} s{percentile(times, 0.95):7.2f} s{max(times, default=float('nan')):7.2f} s"
        f"{len(times) / phase.wall_s:8.1f}{cpu}{phase.failures:6}"
    )


def memory_line(crowd: Crowd) -> str:
    if crowd.rss_mb is None:
        return f"{crowd.app} {crowd.page}: memory not known (no local server process found)"
    before, after = crowd.rss_mb
    per_session = (after - before) / crowd.sessions
    return (
        f"{crowd.app} {crowd.page}: RSS {before:.0f} MB before the sessions, {after:.0f} MB with "
        f"{crowd.sessions} connected after their clicks: {per_session:+.2f} MB per session"
    )


def print_results(results: list[Crowd]) -> None:
    print(
        f"{'app':10}{'page':11}{'phase':7}{'tabs':>5}{'runs':>6}{'median':>10}{'p95':>9}"
        f"{'max':>9}{'runs/s':>8}{'CPU/run':>10}{'fail':>6}"
    )
    for crowd in results:
        print(row(crowd, "load", crowd.load))
        print(row(crowd, "clicks", crowd.clicks))
    for crowd in results:
        print(memory_line(crowd))
        for error in sorted(crowd.load.errors() | crowd.clicks.errors()):
            print(f"  failure: {error}")


def print_goals(results: list[Crowd]) -> None:
    bare = next((c for c in results if c.app == "bare app"), None)
    if bare is None or not bare.clicks.times:
        return
    floor = statistics.median(bare.clicks.times), percentile(bare.clicks.times, 0.95)
    for crowd in (c for c in results if c.app == "dashboard" and c.clicks.times):
        median, p95 = statistics.median(crowd.clicks.times), percentile(crowd.clicks.times, 0.95)
        ratios = median / floor[0], p95 / floor[1]
        holds = max(ratios) <= GOAL_RATIO and median < GOAL_MEDIAN_S and not crowd.clicks.failures
        print(
            f"{crowd.page}: dashboard / bare app {ratios[0]:.1f}x at the median, "
            f"{ratios[1]:.1f}x at p95; median {median:.2f} s. Goals (<= {GOAL_RATIO}x at both, "
            f"median < {GOAL_MEDIAN_S:.0f} s, no failures): {'hold' if holds else 'NOT met'}"
        )


# --- main ----------------------------------------------------------------------------------
def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--clicks", type=int, default=5, help="clicks per session after its load")
    parser.add_argument("--pages", default="overview,years", help=f"of {', '.join(PAGES)}")
    parser.add_argument("--think", type=float, default=0.0, help="max random pause before a click")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds before a run fails")
    parser.add_argument("--url", help="measure this running dashboard instead of starting one")
    parser.add_argument("--bare-url", help="with --url: the bare app already running")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    args.pages = [PAGES[name.strip()] for name in args.pages.split(",") if name.strip()]
    return args


async def measure(servers: dict[str, Server], args) -> list[Crowd]:
    results = []
    for app, server in servers.items():
        pages = args.pages if app == "dashboard" else [BARE_PAGE]
        results += await measure_app(app, server.url, server.pid, pages, args)
    return results


@contextlib.contextmanager
def servers(args):
    """The servers to measure: those given by URL, or the dashboard and the bare app, started."""
    if args.url:
        given = {"dashboard": args.url, "bare app": args.bare_url}
        yield {app: Server(url, listening_pid(url)) for app, url in given.items() if url}
        return
    with (
        tempfile.TemporaryDirectory(prefix="bench-crowd-") as folder,
        streamlit_server(DASHBOARD, Path(folder)) as dashboard,
        streamlit_server(BARE_APP, Path(folder)) as bare,
    ):
        yield {"dashboard": dashboard, "bare app": bare}


def interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main() -> None:
    args = arguments()
    signal.signal(signal.SIGTERM, interrupt)  # a killed benchmark still stops its servers
    started = time.perf_counter()
    try:
        with servers(args) as running:
            results = asyncio.run(measure(running, args))
    except KeyboardInterrupt:
        sys.exit("interrupted; the servers were stopped")
    print(f"{args.sessions} sessions, {args.clicks} clicks each, think time 0-{args.think:g} s")
    print_results(results)
    print_goals(results)
    elapsed, client_cpu = time.perf_counter() - started, time.process_time()
    print(f"({elapsed:.0f} s in all, of which this client used {client_cpu:.0f} s of CPU)")


if __name__ == "__main__":
    main()
