#!/usr/bin/env python3
"""Checks deploy/Dockerfile and deploy/compose.yaml without Docker (tests/scripts/deploy_docker.test.sh).

No Docker engine runs in CI, so the image cannot be built there: this reads both files the way
Docker and Compose would and checks what the image and the stack promise (docs/deploy.md,
"Containers"). Prints one `ok - …` / `not ok - …` line per check; exit 1 when one failed.
Also prints `runtime-packages: …` (the runtime stage's apt-get packages) and
`binary: …` lines for the shell test's library check.

    deploy_containers.py ROOT
"""

import ipaddress
import json
import re
import shlex
import sys
from pathlib import Path
from urllib.parse import urlparse

import yaml

ROOT = Path(sys.argv[1])
failures = 0


def check(condition, what):
    global failures
    print(("ok - " if condition else "not ok - ") + what)
    if not condition:
        failures += 1
    return condition


def known_settings():
    table = re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|", (ROOT / "README.md").read_text(), re.M)
    return set(table)


SETTINGS = known_settings()


def is_setting(name):
    return name in SETTINGS or (name.endswith("_FILE") and name[: -len("_FILE")] in SETTINGS)


def duration_seconds(text):
    match = re.fullmatch(r"(\d+)(ms|s|m)", str(text))
    if not match:
        return None
    value, unit = int(match[1]), match[2]
    return {"ms": value / 1000, "s": value, "m": value * 60}[unit]


# --- the Dockerfile ----------------------------------------------------------------------------------
def logical_lines(text):
    """Instructions with their continuation lines joined and comments dropped."""
    lines, current = [], ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        lines.append(current)
        current = ""
    if current:
        lines.append(current)
    return lines


def parse_dockerfile(path):
    args, stages = {}, []
    for line in logical_lines(path.read_text()):
        instruction, _, rest = line.partition(" ")
        instruction = instruction.upper()
        rest = rest.strip()
        if instruction == "ARG" and not stages:
            name, _, default = rest.partition("=")
            args[name] = default
            continue
        if instruction == "FROM":
            words = rest.split()
            image = re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: args.get(m[1] or m[2], ""), words[0])
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append({"image": image, "name": name, "lines": []})
            continue
        if stages:
            stages[-1]["lines"].append((instruction, rest))
    return args, stages


def apt_installed(stage):
    """Every package (or .deb path) named by `apt-get install` in the stage's RUN lines."""
    packages = []
    for instruction, rest in stage["lines"]:
        if instruction != "RUN":
            continue
        for command in re.split(r"&&|;", rest):
            words = shlex.split(command)
            if words[:2] == ["apt-get", "install"]:
                packages += [w for w in words[2:] if not w.startswith("-")]
    return packages


def run_lines(stage):
    return " && ".join(rest for instruction, rest in stage["lines"] if instruction == "RUN")


def stage_env(stage):
    env = {}
    for instruction, rest in stage["lines"]:
        if instruction == "ENV":
            for item in shlex.split(rest):
                name, _, value = item.partition("=")
                env[name] = value
    return env


def last(stage, instruction):
    found = [rest for ins, rest in stage["lines"] if ins == instruction]
    return found[-1] if found else None


def debian_list_section(title):
    """The packages of one `# --- title` section of scripts/debian-packages.txt."""
    packages, inside = [], False
    for raw in (ROOT / "scripts/debian-packages.txt").read_text().splitlines():
        if raw.startswith("# ---"):
            inside = raw.startswith(f"# --- {title}")
            continue
        name = raw.split("#", 1)[0].strip()
        if inside and name:
            packages.append(name)
    return packages


dockerfile = ROOT / "deploy/Dockerfile"
args, stages = parse_dockerfile(dockerfile)
check(len(stages) >= 2, f"the Dockerfile has {len(stages)} stages (multi-stage: build, then runtime)")
for stage in stages:
    check(
        re.fullmatch(r"debian:(12|bookworm)([-.][\w.-]*)?(@sha256:[0-9a-f]{64})?", stage["image"]) is not None,
        f"stage {stage['name'] or '(runtime)'} is Debian 12: {stage['image']}",
    )
build = next((s for s in stages if s["name"] == "build"), None)
runtime = stages[-1]
check(build is not None and build is not runtime, "a stage named build, before the runtime stage")
build = build or {"lines": []}

build_packages = set(apt_installed(build))
libraries = debian_list_section("libraries")
check(bool(libraries), f"scripts/debian-packages.txt lists {len(libraries)} libraries")
missing = [p for p in libraries + ["g++", "cmake", "ninja-build", "pkg-config", "dpkg-dev", "file"]
           if p not in build_packages]
check(not missing, "the build stage installs every library of scripts/debian-packages.txt and the "
      "toolchain (dpkg-dev and file for CPack's dependencies)" + (f"; missing: {missing}" if missing else ""))
build_run = run_lines(build)
for step in ("cmake --preset deb", "cmake --build --preset deb", "cpack --preset deb"):
    check(step in build_run, f"the build stage runs `{step}`")

presets = json.loads((ROOT / "CMakePresets.json").read_text())
deb_configure = next((p for p in presets.get("configurePresets", []) if p["name"] == "deb"), {})
cache = deb_configure.get("cacheVariables", {})
check(cache.get("CMAKE_BUILD_TYPE") == "Release", "the deb preset is a Release build")
check(cache.get("COMPTOIR_DEFAULT_DATA_DIR") == "/usr/share/comptoir",
      "the deb preset's binary looks for its data in /usr/share/comptoir (where the .deb puts it)")
check(any(p["name"] == "deb" for p in presets.get("buildPresets", [])), "a deb build preset")
check(any(p["name"] == "deb" and "DEB" in p.get("generators", []) for p in presets.get("packagePresets", [])),
      "a deb package preset (generator DEB)")

copies = [rest for ins, rest in runtime["lines"] if ins == "COPY"]
check(copies and all(c.startswith("--from=build ") and c.split()[1].endswith(".deb") for c in copies),
      "the runtime stage takes only the .deb from the build stage")
runtime_packages = apt_installed(runtime)
runtime_run = run_lines(runtime)
check(any(p.endswith(".deb") for p in runtime_packages),
      "the runtime stage installs the .deb with apt-get, which brings the libraries it depends on")
check("dpkg -i" not in runtime_run, "no `dpkg -i` (it would leave the dependencies out)")
for package, why in (("ca-certificates", "TLS to Stripe, SMTP, Sentry, PostgreSQL"),
                     ("postgresql-client-15", "pg_dump for backups"),
                     ("curl", "the HEALTHCHECK's tool")):
    check(package in runtime_packages, f"the runtime stage installs {package} ({why})")
check(not any(p.endswith("-dev") or p in ("g++", "cmake") for p in runtime_packages),
      "no compiler nor -dev package in the runtime stage")

user = last(runtime, "USER")
check(user is not None, "the runtime stage sets USER")
if user:
    uid = user.split(":")[0]
    check(uid not in ("root", "0"), f"USER {user} is not root")
    if uid.isdigit():
        check(re.search(rf"useradd .*--uid {uid}\b", runtime_run) is not None,
              f"uid {uid} is created by useradd in the runtime stage")
env = stage_env(runtime)
unknown = [name for name in env if not is_setting(name)]
check(not unknown, "every ENV of the image is a setting of README.md" + (f"; not: {unknown}" if unknown else ""))
check(env.get("COMPTOIR_ENV") == "production", "the image runs in production")
check(env.get("COMPTOIR_DATA_DIR") == "/usr/share/comptoir", "COMPTOIR_DATA_DIR is where the .deb puts the data")
healthcheck = last(runtime, "HEALTHCHECK") or ""
check("/healthz" in healthcheck, "HEALTHCHECK asks /healthz")
tool = healthcheck.split(" CMD ", 1)[-1].split()[0] if " CMD " in healthcheck else ""
check(tool in runtime_packages, f"the HEALTHCHECK's tool ({tool or 'none'}) is installed in the image")
check("${PORT}" in healthcheck and "PORT" in env, "HEALTHCHECK asks the port the server listens on (PORT)")
check(last(runtime, "EXPOSE") == env.get("PORT"), "EXPOSE is PORT")
check(last(runtime, "ENTRYPOINT") == '["/usr/bin/comptoir"]' and last(runtime, "CMD") == '["serve"]',
      "the image runs `/usr/bin/comptoir serve`")
ignored = (ROOT / ".dockerignore").read_text().split() if (ROOT / ".dockerignore").exists() else []
check(all(entry in ignored for entry in ("build/", ".git", "var/", "node_modules/")),
      ".dockerignore keeps the host's build/, var/, node_modules/ and .git out of the context")
print("runtime-packages: " + " ".join(p for p in runtime_packages if not p.endswith(".deb")))

# --- compose.yaml --------------------------------------------------------------------------------
compose_path = ROOT / "deploy/compose.yaml"
compose = yaml.safe_load(compose_path.read_text())
services = compose.get("services", {})
for name in ("db", "migrate", "comptoir", "nginx", "mail"):
    check(name in services, f"compose has the service {name}")
db = services.get("db", {})
migrate = services.get("migrate", {})
app = services.get("comptoir", {})
nginx = services.get("nginx", {})
mail = services.get("mail", {})
check(str(db.get("image", "")).startswith("postgres:15"), "db is PostgreSQL 15 (Debian 12's)")
check("test" in db.get("healthcheck", {}), "db has a healthcheck")
check(migrate.get("command") == ["migrate"] and app.get("command") == ["serve"],
      "migrate runs `comptoir migrate`, comptoir `comptoir serve`")
for service in (migrate, app):
    check(service.get("build", {}).get("dockerfile") == "deploy/Dockerfile"
          and (compose_path.parent / service.get("build", {}).get("context", "")).resolve() == ROOT.resolve(),
          f"{service.get('command', ['?'])[0]}: builds deploy/Dockerfile from the repository's root")
check(migrate.get("depends_on", {}).get("db", {}).get("condition") == "service_healthy",
      "migrate waits for a healthy db")
check(app.get("depends_on", {}).get("migrate", {}).get("condition") == "service_completed_successfully",
      "comptoir starts only once migrate has succeeded (production refuses pending migrations)")
check(migrate.get("restart") == "no", "migrate runs once")

top_secrets = compose.get("secrets", {})
for service_name in ("migrate", "comptoir"):
    service = services.get(service_name, {})
    environment = service.get("environment", {})
    unknown = [name for name in environment if not is_setting(name)]
    check(not unknown, f"every variable of {service_name} is a setting of README.md"
          + (f"; not: {unknown}" if unknown else ""))
    for name, value in environment.items():
        if name.endswith("_FILE") and str(value).startswith("/run/secrets/"):
            secret = str(value)[len("/run/secrets/"):]
            check(secret in service.get("secrets", []) and secret in top_secrets,
                  f"{service_name}: {name} reads the secret {secret}, which the service mounts")
    for required in ("DATABASE_URL", "COMPTOIR_SECRET_KEYS", "BASE_URL"):
        check(required in environment or f"{required}_FILE" in environment,
              f"{service_name} has {required} (required in production)")
    base_url = re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(environment.get("BASE_URL", "")))
    check(base_url.startswith("https://"), f"{service_name}: BASE_URL defaults to https:// ({base_url})")
for name, secret in top_secrets.items():
    check(str(secret.get("file", "")).startswith("./secrets/"), f"secret {name} is a file of deploy/secrets/")
gitignore = (compose_path.parent / ".gitignore").read_text().split() if (compose_path.parent / ".gitignore").exists() else []
check("secrets/" in gitignore and "certs/" in gitignore, "deploy/.gitignore keeps secrets/ and certs/ out of git")
for name in ("POSTGRES_PASSWORD_FILE",):
    value = db.get("environment", {}).get(name, "")
    check(value.startswith("/run/secrets/") and value[len("/run/secrets/"):] in db.get("secrets", []),
          f"db: {name} is a mounted secret")

app_env = app.get("environment", {})
# The client's address: only nginx, at its fixed address on the stack's network, is trusted.
nginx_networks = nginx.get("networks", {})
nginx_address = None
if isinstance(nginx_networks, dict):
    for network in nginx_networks.values():
        nginx_address = (network or {}).get("ipv4_address", nginx_address)
check(nginx_address is not None and app_env.get("COMPTOIR_TRUSTED_PROXIES") == nginx_address,
      f"COMPTOIR_TRUSTED_PROXIES is nginx's fixed address ({nginx_address})")
subnets = [ipaddress.ip_network(c["subnet"]) for n in compose.get("networks", {}).values()
           for c in (n or {}).get("ipam", {}).get("config", [])]
check(nginx_address is not None and any(ipaddress.ip_address(nginx_address) in s for s in subnets),
      "nginx's address is inside the stack's network")
port = env.get("PORT", "8080")
for mount in nginx.get("volumes", []):
    source, target = mount.split(":")[0:2]
    if source.startswith("./") and not source.startswith(("./certs", "./secrets")):
        conf = compose_path.parent / source
        check(conf.is_file(), f"nginx's {source} is in the repository")
        if conf.is_file() and target.endswith(".conf"):
            check(re.search(rf"server comptoir:{port};", conf.read_text()) is not None,
                  f"{source} proxies to comptoir:{port}, the image's PORT")
            check("X-Forwarded-For $proxy_add_x_forwarded_for" in conf.read_text(),
                  f"{source} passes the client's address (X-Forwarded-For)")
# Mail: a relay on this machine needs no TLS (README.md, SMTP_URL), so the catcher shares the
# server's network and listens on its loopback.
smtp = urlparse(str(app_env.get("SMTP_URL", "")))
check(mail.get("network_mode") == "service:comptoir" and smtp.hostname in ("127.0.0.1", "localhost"),
      "the mail catcher shares comptoir's network; SMTP_URL is its loopback address")
bind = str(mail.get("environment", {}).get("MP_SMTP_BIND_ADDR", "0.0.0.0:1025"))
check(smtp.port is not None and bind.endswith(f":{smtp.port}"), f"SMTP_URL's port is the catcher's ({bind})")
grace = duration_seconds(app_env.get("COMPTOIR_SHUTDOWN_GRACE", "10s"))
stop = duration_seconds(app.get("stop_grace_period", "10s"))
check(stop is not None and grace is not None and stop > grace,
      f"stop_grace_period ({app.get('stop_grace_period', '10s')}) is above COMPTOIR_SHUTDOWN_GRACE")
volumes = app.get("volumes", [])
data_dirs = {env.get("MEDIA_DIR", ""), env.get("COMPTOIR_BACKUP_DIR", "")}
check(any(all(d.startswith(v.split(":")[1] + "/") for d in data_dirs) for v in volumes),
      "MEDIA_DIR and COMPTOIR_BACKUP_DIR are on a volume")

sys.exit(1 if failures else 0)
