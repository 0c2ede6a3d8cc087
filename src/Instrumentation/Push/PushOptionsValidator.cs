using Microsoft.Extensions.Options;

namespace Instrumentation.Push;

/// <summary>Validates a pusher's options at start-up, naming each configuration key that is wrong.</summary>
internal sealed class PushOptionsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : PushOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = PushOptionsValidation.Check(options, section);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
