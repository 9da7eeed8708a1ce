-- wrk script: every request asks for a product page at a slug drawn at random from a file, so
-- neither Comptoir's caches nor the peer's warm up on one page (bench/run --bulk: the cold
-- product page). BENCH_SLUGS names the file (one slug per line, URL-safe), BENCH_PREFIX the path
-- before the slug (/fr/produit/).
local slugs = {}
local prefix = os.getenv("BENCH_PREFIX") or "/fr/produit/"

local file = assert(io.open(assert(os.getenv("BENCH_SLUGS"), "BENCH_SLUGS is not set"), "r"))
for line in file:lines() do
  if #line > 0 then slugs[#slugs + 1] = line end
end
file:close()
assert(#slugs > 0, "no slug in BENCH_SLUGS")

-- Each wrk thread has its own Lua state: seed each differently.
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)

request = function()
  return wrk.format("GET", prefix .. slugs[math.random(#slugs)])
end
