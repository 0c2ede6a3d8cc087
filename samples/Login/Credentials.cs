namespace Login;

/// <summary>The JSON body of <c>POST /auth/register</c> and <c>POST /auth/login</c>.</summary>
public sealed record Credentials(string? Username, string? Password);
