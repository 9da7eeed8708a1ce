"""Turns one bench/run into bench/results/latest.json and a table (called by bench/run).

Reads $BENCH_WORK/targets.tsv (name, phase, url, status, Accept-Encoding sent, Content-Encoding
received) and wrk-<name>.txt for each measured target; writes per target requests/s, p50/p99
(ms), ratios to the bare Beast server (the stack's ceiling) and to Comptoir's plaintext, the
server's resident memory, and the targets of issues 3 and 16 as checks (pass, fail, or missing
when a figure could not be measured).
"""
import datetime
import json
import os
import platform
import re
import sys

env = os.environ
UNITS = {'us': 0.001, 'ms': 1.0, 's': 1000.0, 'm': 60000.0}


def ms(text):
    m = re.fullmatch(r'([0-9.]+)(us|ms|s|m)', text)
    return round(float(m.group(1)) * UNITS[m.group(2)], 3) if m else None


def parse_wrk(path):
    out = {'requests_per_sec': None, 'p50_ms': None, 'p99_ms': None, 'requests': None,
           'non_2xx_3xx': 0, 'socket_errors': None}
    try:
        text = open(path).read()
    except OSError:
        return out
    if m := re.search(r'Requests/sec:\s+([0-9.]+)', text):
        out['requests_per_sec'] = round(float(m.group(1)), 1)
    if m := re.search(r'^\s+50%\s+(\S+)', text, re.M):
        out['p50_ms'] = ms(m.group(1))
    if m := re.search(r'^\s+99%\s+(\S+)', text, re.M):
        out['p99_ms'] = ms(m.group(1))
    if m := re.search(r'(\d+) requests in', text):
        out['requests'] = int(m.group(1))
    if m := re.search(r'Non-2xx or 3xx responses:\s+(\d+)', text):
        out['non_2xx_3xx'] = int(m.group(1))
    if m := re.search(r'Socket errors: (.*)', text):
        out['socket_errors'] = m.group(1).strip()
    return out


def bulk_summary():
    count = int(env.get('BENCH_BULK_COUNT') or 0)
    if count == 0:
        return None
    summary = {'products': count, 'wall_seconds': float(env['BENCH_BULK_SECONDS'] or 0)}
    try:
        line = [l for l in open(env['BENCH_SEED_LOG']) if l.startswith('Added ')][-1]
    except (OSError, IndexError):
        return summary
    number = lambda s: int(s.replace(' ', '').replace('\u202f', ''))
    if m := re.search(r'Added ([\d ]+) products \(([\d ]+) variants\) in ([0-9.]+) s', line):
        products, variants, seconds = number(m.group(1)), number(m.group(2)), float(m.group(3))
        # Rows written per product: the product, two translations, its category link, variants.
        rows = products * 4 + variants
        summary.update({'variants': variants, 'insert_seconds': seconds,
                        'products_per_sec': round(products / seconds), 'rows': rows,
                        'rows_per_sec': round(rows / seconds)})
    if m := re.search(r'Statistics refreshed in ([0-9.]+) s', line):
        summary['vacuum_analyze_seconds'] = float(m.group(1))
    return summary


def main(output):
    work = env['BENCH_WORK']
    targets = {}
    for line in open(os.path.join(work, 'targets.tsv')):
        name, phase, url, status, *encodings = line.rstrip('\n').split('\t')
        accept = encodings[0] if encodings else ''
        received = encodings[1] if len(encodings) > 1 else 'identity'
        entry = {'phase': phase, 'url': url, 'status': int(status) if status.isdigit() else 0,
                 'accept_encoding': accept or None, 'content_encoding': received or 'identity'}
        if entry['status'] == 200:
            entry.update(parse_wrk(os.path.join(work, f'wrk-{name}.txt')))
        else:
            entry['missing'] = True
        targets[name] = entry

    ceiling = targets.get('plaintext', {}).get('requests_per_sec')
    bare = targets.get('bare_beast', {}).get('requests_per_sec')
    for t in targets.values():
        rps = t.get('requests_per_sec')
        t['ratio_to_plaintext'] = round(rps / ceiling, 3) if rps and ceiling else None
        t['ratio_to_bare_beast'] = round(rps / bare, 3) if rps and bare else None
    rps = lambda name: targets.get(name, {}).get('requests_per_sec')
    p99 = lambda name: targets.get(name, {}).get('p99_ms')
    ratio = lambda name: targets.get(name, {}).get('ratio_to_plaintext')
    bare_ratio = lambda name: targets.get(name, {}).get('ratio_to_bare_beast')
    kb_to_mb = lambda kb: round(int(kb) / 1024, 1) if kb and kb.isdigit() else None
    idle_rss_mb = kb_to_mb(env.get('BENCH_IDLE_RSS_KB'))
    node_ratio = round(rps('product_fr') / rps('node_product_fr'), 2) \
        if rps('product_fr') and rps('node_product_fr') else None
    if 'node_product_fr' in targets:
        targets['node_product_fr']['comptoir_to_node_ratio'] = node_ratio

    checks = []

    def check(name, value, op, limit, unit='', issue=3):
        if value is None:
            state = 'missing'
        else:
            state = 'pass' if (value >= limit if op == '>=' else value < limit) else 'fail'
        checks.append({'check': name, 'value': value, 'target': f'{op} {limit}{unit}', 'result': state,
                       'issue': issue})

    # Issue 16: the stack's ceiling, measured in the same run.
    check('plaintext / bare Beast', bare_ratio('plaintext'), '>=', 0.75, issue=16)
    for name in ('product_fr', 'category_fr', 'home_fr'):
        check(f'{name} / bare Beast', bare_ratio(name), '>=', 0.40, issue=16)
    check('search_fr / bare Beast', bare_ratio('search_fr'), '>=', 0.20, issue=16)
    for name in ('home_fr', 'product_fr', 'category_fr', 'search_fr'):
        for variant in (name, name + '_br'):
            check(f'{variant} p99', p99(variant), '<', 5, ' ms', issue=16)
    check('product page: Comptoir / Node peer', node_ratio, '>=', 20, issue=16)
    check('idle RSS', idle_rss_mb, '<', 64, ' MiB', issue=16)

    # Issue 3 (the catalog): against Comptoir's own plaintext.
    check('product page / plaintext', ratio('product_fr'), '>=', 0.40)
    check('category page / plaintext', ratio('category_fr'), '>=', 0.25)
    for name in ('home_fr', 'product_fr', 'category_fr', 'search_fr'):
        check(f'{name} p99', p99(name), '<', 10, ' ms')
    check('product page: Comptoir / Node peer', node_ratio, '>=', 5)
    bulk = bulk_summary()
    if bulk:
        check('search p99 with bulk products', p99('search_fr_bulk'), '<', 50, ' ms')
        check('category p99 with bulk products', p99('category_fr_bulk'), '<', 10, ' ms')
        unchanged = round(rps('category_fr_bulk') / rps('category_fr'), 3) \
            if rps('category_fr_bulk') and rps('category_fr') else None
        check('category req/s with bulk / without', unchanged, '>=', 0.8)
        check('product p99 with bulk products', p99('product_fr_bulk'), '<', 10, ' ms')
    if 'product_fr_cold' in targets:
        cold_ratio = round(rps('product_fr_cold') / rps('node_product_fr_cold'), 2) \
            if rps('product_fr_cold') and rps('node_product_fr_cold') else None
        if 'node_product_fr_cold' in targets:
            targets['node_product_fr_cold']['comptoir_to_node_ratio'] = cold_ratio
        check('cold product page (random slugs): Comptoir / Node peer', cold_ratio, '>=', 3, issue=16)
        check('cold product page (random slugs) p99', p99('product_fr_cold'), '<', 20, ' ms', issue=16)

    cpu = next((l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name')),
               platform.processor())
    rss = env.get('BENCH_PEAK_RSS_KB')
    result = {
        'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'git_commit': env['BENCH_COMMIT'],
        'comptoir_version': env['BENCH_VERSION'] or None,
        'machine': {'nproc': os.cpu_count(), 'cpu': cpu, 'kernel': platform.release(),
                    'load_average_at_end': env.get('BENCH_LOAD')},
        'server': {'comptoir_env': env.get('COMPTOIR_ENV'), 'threads': env.get('COMPTOIR_THREADS'),
                   'peak_rss_mb': round(int(rss) / 1024, 1) if rss else None,
                   'idle_rss_mb': idle_rss_mb,
                   'rss_after_targets_mb': kb_to_mb(env.get('BENCH_FULL_RSS_KB')),
                   'page_cache_mb': round(int(env['BENCH_PAGE_CACHE_BYTES']) / 1048576, 1)
                   if (env.get('BENCH_PAGE_CACHE_BYTES') or '').isdigit() else None},
        'wrk': {'threads': int(env['BENCH_WRK_THREADS_ARG']), 'connections': int(env['BENCH_CONNECTIONS_ARG']),
                'duration': env['BENCH_DURATION_ARG']},
        'targets': targets,
        'bulk': bulk,
        'database': 'BENCH_DATABASE_URL (seeded before)' if env.get('BENCH_REUSED') else 'demo (fresh)',
        'checks': checks,
    }
    with open(output, 'w') as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
        f.write('\n')

    show = lambda v, fmt: format(v, fmt) if v is not None else '-'
    print()
    print(f"{'target':<21} {'path':<42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'÷bare':>6} "
          f"{'÷plain':>6}  notes")
    for name, t in targets.items():
        notes = []
        if t.get('missing'):
            notes.append(f"missing (HTTP {t['status'] or 'none'})")
        if t.get('non_2xx_3xx'):
            notes.append(f"{t['non_2xx_3xx']} non-2xx/3xx")
        if t.get('socket_errors'):
            notes.append('socket errors: ' + t['socket_errors'])
        if name.startswith('node_') and t.get('comptoir_to_node_ratio'):
            notes.append(f"Comptoir/Node {t['comptoir_to_node_ratio']}x")
        if t.get('accept_encoding'):
            notes.append(f"Accept-Encoding: {t['accept_encoding']} → {t['content_encoding']}")
        path = '/' + t['url'].split('/', 3)[-1] if t['url'].startswith('http') else t['url']
        path = path if len(path) <= 42 else path[:41] + '…'
        print(f"{name:<21} {path:<42} {show(t.get('requests_per_sec'), '9.0f'):>9} "
              f"{show(t.get('p50_ms'), '.3f'):>8} {show(t.get('p99_ms'), '.3f'):>8} "
              f"{show(t.get('ratio_to_bare_beast'), '.2f'):>6} "
              f"{show(t.get('ratio_to_plaintext'), '.2f'):>6}  {'; '.join(notes)}")
    if bulk:
        print(f"bulk: {bulk['products']} products in {bulk.get('insert_seconds', '-')} s "
              f"({show(bulk.get('products_per_sec'), ',')} products/s, {show(bulk.get('rows_per_sec'), ',')} rows/s), "
              f"VACUUM ANALYZE {bulk.get('vacuum_analyze_seconds', '-')} s")
    print()
    for c in checks:
        print(f"  [{c['result']:>7}] #{c['issue']} {c['check']}: {show(c['value'], '')} (target {c['target']})")
    server = result['server']
    print(f"RSS idle {show(server['idle_rss_mb'], '.1f')} MiB, after every target "
          f"{show(server['rss_after_targets_mb'], '.1f')} MiB (page cache {show(server['page_cache_mb'], '.1f')} MiB), "
          f"peak {show(server['peak_rss_mb'], '.1f')} MiB · {result['machine']['nproc']} cores · "
          f"load {result['machine']['load_average_at_end']} · COMPTOIR_ENV={result['server']['comptoir_env']} "
          f"COMPTOIR_THREADS={result['server']['threads']} · commit {result['git_commit']}")


if __name__ == '__main__':
    main(sys.argv[1])
