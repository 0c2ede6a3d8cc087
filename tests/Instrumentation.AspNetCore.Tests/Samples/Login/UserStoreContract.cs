extern alias LoginSample;

using LoginSample::Login;

namespace Instrumentation.AspNetCore.Tests.Samples.Login;

/// <summary>
/// What every <see cref="IUserStore"/> must do, run against each implementation (SQLite and a real PostgreSQL)
/// by a subclass that supplies a fresh, empty, initialized store per test.
/// </summary>
public abstract class UserStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 30, 0, TimeSpan.Zero);

    private IUserStore? _store;

    /// <summary>The store under test, created for this test.</summary>
    protected IUserStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        await _store.InitializeAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task TryAdd_ThenFind_ReturnsTheStoredHash()
    {
        (await Store.TryAddAsync("ann", "hash-of-ann", Monday, CancellationToken.None)).Should().BeTrue();

        (await Store.FindPasswordHashAsync("ann", CancellationToken.None)).Should().Be("hash-of-ann");
    }

    [Fact]
    public async Task Find_ComparesTheNameWithoutCase()
    {
        await Store.TryAddAsync("Bob", "hash-of-bob", Monday, CancellationToken.None);

        (await Store.FindPasswordHashAsync("BOB", CancellationToken.None)).Should().Be("hash-of-bob");
        (await Store.FindPasswordHashAsync("bob", CancellationToken.None)).Should().Be("hash-of-bob");
    }

    [Fact]
    public async Task Find_OfAnUnknownName_ReturnsNull()
    {
        await Store.TryAddAsync("carol", "hash-of-carol", Monday, CancellationToken.None);

        (await Store.FindPasswordHashAsync("dave", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task TryAdd_OfATakenNameInAnyCase_ReturnsFalse_AndKeepsTheFirstUser()
    {
        await Store.TryAddAsync("erin", "first", Monday, CancellationToken.None);

        (await Store.TryAddAsync("ERIN", "second", Monday.AddMinutes(1), CancellationToken.None)).Should().BeFalse();
        (await Store.TryAddAsync("erin", "third", Monday.AddMinutes(2), CancellationToken.None)).Should().BeFalse();

        (await Store.FindPasswordHashAsync("erin", CancellationToken.None)).Should().Be("first");
        (await Store.CountAsync(CancellationToken.None)).Should().Be(1);
    }

    [Fact]
    public async Task List_ReturnsEveryUserOldestFirst_WithTheirCreationTimes()
    {
        await Store.TryAddAsync("gina", "h", Monday.AddHours(2), CancellationToken.None);
        await Store.TryAddAsync("frank", "h", Monday, CancellationToken.None);
        await Store.TryAddAsync("hank", "h", Monday.AddHours(1), CancellationToken.None);

        var users = await Store.ListAsync(CancellationToken.None);

        users.Should().Equal(
            new UserSummary("frank", Monday),
            new UserSummary("hank", Monday.AddHours(1)),
            new UserSummary("gina", Monday.AddHours(2)));
    }

    [Fact]
    public async Task Count_IsTheNumberOfUsers()
    {
        (await Store.CountAsync(CancellationToken.None)).Should().Be(0);

        foreach (var name in new[] { "ivy", "jack", "kim" })
        {
            await Store.TryAddAsync(name, "h", Monday, CancellationToken.None);
        }

        (await Store.CountAsync(CancellationToken.None)).Should().Be(3);
    }

    [Fact]
    public async Task Initialize_Again_KeepsTheUsers()
    {
        await Store.TryAddAsync("lee", "hash-of-lee", Monday, CancellationToken.None);

        await Store.InitializeAsync(CancellationToken.None);

        (await Store.FindPasswordHashAsync("lee", CancellationToken.None)).Should().Be("hash-of-lee");
    }

    /// <summary>A store over a new, empty database (or schema); the contract initializes it.</summary>
    protected abstract Task<IUserStore> CreateStoreAsync();
}
