namespace Login;

/// <summary>A registered user as <c>GET /users</c> lists it: never the password hash.</summary>
public sealed record UserSummary(string Username, DateTimeOffset CreatedAt);
