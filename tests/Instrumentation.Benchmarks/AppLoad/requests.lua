-- The load test's requests, in turn: GET /, GET /items/{1..50}, POST /orders (the body WrkScript.OrderBody has).
local requests = {}
local next_request = 0

function init(args)
  local i = 0
  for id = 1, 50 do
    requests[#requests + 1] = wrk.format("GET", "/")
    requests[#requests + 1] = wrk.format("GET", "/items/" .. id)
    requests[#requests + 1] = wrk.format("POST", "/orders", { ["Content-Type"] = "application/json" }, '{"item":42,"quantity":3}')
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
