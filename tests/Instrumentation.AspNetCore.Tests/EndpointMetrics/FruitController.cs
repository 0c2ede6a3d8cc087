using Microsoft.AspNetCore.Mvc;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>An MVC controller for the attribute tests: [Timed] on the class, one action with its own.</summary>
[ApiController]
[Route("mvc/fruit")]
[Timed("mvc_fruit_seconds", "Timed on the controller")]
public sealed class FruitController : ControllerBase
{
    [HttpGet]
    public IActionResult List() => Ok("apple,banana");

    [HttpGet("{id}")]
    [Timed("mvc_fruit_get_seconds", "Timed on the action", Buckets = new[] { 0.1, 1 })]
    [Counted]
    public IActionResult Get(int id) => Ok($"fruit {id}");

    [HttpPost("{id}/spoil")]
    public IActionResult Spoil(int id) => throw new InvalidOperationException($"fruit {id} spoiled at {Request.Path}");
}
