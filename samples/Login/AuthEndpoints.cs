namespace Login;

/// <summary>Maps <c>POST /auth/register</c>, <c>POST /auth/login</c> and <c>GET /users</c>.</summary>
public static class AuthEndpoints
{
    /// <summary>The body of a refused login, whatever the reason, so it does not tell which part was wrong.</summary>
    public const string IncorrectCredentials = "Incorrect username or password";

    /// <summary>The longest user name accepted at registration.</summary>
    public const int MaxUsernameLength = 64;

    /// <summary>The shortest password accepted at registration.</summary>
    public const int MinPasswordLength = 8;

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/auth/register", RegisterAsync);
        endpoints.MapPost("/auth/login", LoginAsync);
        endpoints.MapGet("/users", ListUsersAsync);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(Credentials credentials, AccountService accounts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(credentials.Username) || credentials.Username.Length > MaxUsernameLength
            || credentials.Username.Contains(':', StringComparison.Ordinal))
        {
            return Results.BadRequest(new { error = $"Username must be 1 to {MaxUsernameLength} characters, without ':'" });
        }

        if (credentials.Password is null || credentials.Password.Length < MinPasswordLength)
        {
            return Results.BadRequest(new { error = $"Password must be at least {MinPasswordLength} characters" });
        }

        return await accounts.RegisterAsync(credentials.Username, credentials.Password, cancellationToken) switch
        {
            RegistrationResult.Created => Results.Created("/users", new { username = credentials.Username }),
            _ => Results.Conflict(new { error = "Username is taken" }),
        };
    }

    private static async Task<IResult> LoginAsync(Credentials credentials, AccountService accounts, CancellationToken cancellationToken) =>
        await accounts.LoginAsync(credentials.Username, credentials.Password, cancellationToken)
            ? Results.Ok(new { username = credentials.Username })
            : Results.BadRequest(new { error = IncorrectCredentials });

    private static async Task<IResult> ListUsersAsync(IUserStore users, CancellationToken cancellationToken) =>
        Results.Ok(await users.ListAsync(cancellationToken));
}
