namespace Login;

/// <summary>What <see cref="AccountService.RegisterAsync"/> did.</summary>
public enum RegistrationResult
{
    /// <summary>The user was added.</summary>
    Created,

    /// <summary>Another user already has that name (compared without case).</summary>
    UsernameTaken,
}
