using Microsoft.AspNetCore.Mvc;

namespace Instrumentation.AspNetCore.Tests.EndpointMetrics;

/// <summary>The actions of <see cref="PantryController"/>, marked here only: [Counted] on the interface, [Timed] on one method.</summary>
[Counted("mvc_pantry_calls", "Counted on the interface")]
public interface IPantryApi
{
    IActionResult List();

    [Timed("mvc_pantry_get_seconds", "Timed on the interface method")]
    IActionResult Get(int id);
}

/// <summary>An MVC controller whose metrics attributes all sit on the interface it implements.</summary>
[ApiController]
[Route("mvc/pantry")]
public sealed class PantryController : ControllerBase, IPantryApi
{
    [HttpGet]
    public IActionResult List() => Ok("flour,sugar");

    [HttpGet("{id}")]
    public IActionResult Get(int id) => Ok($"jar {id}");

    [HttpGet("extra")]
    public IActionResult Extra() => Ok("salt");
}
