namespace Login;

/// <summary>Names this sample's assembly, so tests can boot it with <c>WebApplicationFactory&lt;LoginApp&gt;</c>.</summary>
public sealed class LoginApp;
