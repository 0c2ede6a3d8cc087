using System.Net.Sockets;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Fruit.Data.RabbitMq;

/// <summary>
/// The orders in a durable RabbitMQ queue (<c>Fruit:QueueProvider=RabbitMq</c>, <c>ConnectionStrings:RabbitMq</c>,
/// <c>Fruit:RabbitMqQueue</c>): published persistent through the default exchange with publisher confirms, so an
/// enqueue that returned is in the queue; taken with <c>basic.get</c> and automatic acknowledgement, so a
/// dequeued message is gone, as with the embedded queue. Thread-safe: one connection, and one channel used by
/// one call at a time (a channel must not run two operations at once).
/// </summary>
public sealed class RabbitMqFruitQueueClient : IFruitQueueClient, IDisposable, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly BasicProperties Persistent = new() { Persistent = true, ContentType = "application/json" };

    private readonly ConnectionFactory _factory;
    private readonly string _queue;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    /// <summary>Creates the queue client for <paramref name="uri"/> (<c>amqp://user:password@host:port/vhost</c>) and queue <paramref name="queue"/>.</summary>
    /// <exception cref="InvalidOperationException">The URI is not an AMQP URI, or the queue name is empty.</exception>
    public RabbitMqFruitQueueClient(string uri, string queue)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != "amqp" && parsed.Scheme != "amqps"))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{FruitOptions.RabbitMqConnectionStringName} is '{Redacted(uri)}', not an AMQP URI. " +
                "Write it as amqp://guest:guest@127.0.0.1:5672/.");
        }

        if (string.IsNullOrWhiteSpace(queue))
        {
            throw new InvalidOperationException($"{FruitOptions.SectionName}:{nameof(FruitOptions.RabbitMqQueue)} is empty: name the RabbitMQ queue (default fruit-orders).");
        }

        _factory = new ConnectionFactory { Uri = parsed, ClientProvidedName = "fruit-shop" };
        _queue = queue;
        Location = $"RabbitMQ {parsed.Host}:{_factory.Port}{parsed.AbsolutePath} (queue {queue})";
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ChannelAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task EnqueueAsync(FruitMessage message, CancellationToken cancellationToken)
    {
        FruitMessage.ThrowIfInvalid(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
            // mandatory: a message the broker cannot route (the queue was deleted) fails instead of vanishing.
            await channel.BasicPublishAsync(string.Empty, _queue, mandatory: true, Persistent, body, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<FruitMessage?> TryDequeueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
            var result = await channel.BasicGetAsync(_queue, autoAck: true, cancellationToken).ConfigureAwait(false);
            return result is null ? null : Parse(result.Body.Span);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var channel = await ChannelAsync(cancellationToken).ConfigureAwait(false);
            return await channel.MessageCountAsync(_queue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _channel?.Dispose();
        _connection?.Dispose();
        _gate.Dispose();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private static FruitMessage Parse(ReadOnlySpan<byte> body)
    {
        FruitMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<FruitMessage>(body, Json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"A message on the fruit queue is not a fruit order in JSON: {exception.Message}", exception);
        }

        if (message?.Fruit is null)
        {
            throw new InvalidDataException("A message on the fruit queue has no fruit: expected {\"fruit\":\"apple\",\"quantity\":3}.");
        }

        return message;
    }

    private static string Redacted(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Length > 0
            ? uri.Replace(parsed.UserInfo, "***", StringComparison.Ordinal)
            : uri;

    /// <summary>The open channel, connecting and declaring the queue first if needed. Called under <see cref="_gate"/>.</summary>
    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_channel is { IsOpen: true })
        {
            return _channel;
        }

        if (_connection is not { IsOpen: true })
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }

            try
            {
                _connection = await _factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is BrokerUnreachableException or SocketException or TimeoutException)
            {
                _connection = null;
                throw new InvalidOperationException(
                    $"Could not connect to {Location} (ConnectionStrings:{FruitOptions.RabbitMqConnectionStringName}): " +
                    $"{exception.InnerException?.Message ?? exception.Message}. {ProviderSetting.RabbitMqHint}.", exception);
            }
        }

        if (_channel is not null)
        {
            await _channel.DisposeAsync().ConfigureAwait(false);
            _channel = null;
        }

        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken).ConfigureAwait(false);
        await _channel.QueueDeclareAsync(_queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return _channel;
    }
}
