using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace CancelJobs.Emulator.Tests.Support;

/// <summary>An emulator on a free port plus an HttpClient that talks to it the way an AWS SDK would.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    private TestEmulator(EmulatorHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public EmulatorHost Host { get; }
    public HttpClient Http { get; }
    public EmulatorState State => Host.State;

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions
        {
            TwinMakerCancelDelay = TimeSpan.FromMilliseconds(300),
            DmsCancelDelay = TimeSpan.FromMilliseconds(300),
        };
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorHost.StartAsync(options));
    }

    public static async Task<TestEmulator> StartWithSeedAsync(string seedJson)
    {
        TestEmulator emulator = await StartAsync();
        emulator.State.SeedJson(seedJson);
        return emulator;
    }

    /// <summary>A signed rest-json call (TwinMaker, IoT, DataZone).</summary>
    public Task<AwsResponse> RestAsync(string method, string pathAndQuery, string service, object? body = null) =>
        SendAsync(method, pathAndQuery, service, body is null ? null : JsonSerializer.Serialize(body), "application/json");

    /// <summary>A signed json 1.1 DMS call.</summary>
    public Task<AwsResponse> DmsAsync(string operation, object body) =>
        DmsRawAsync(operation, JsonSerializer.Serialize(body));

    public Task<AwsResponse> DmsRawAsync(string operation, string body) =>
        SendAsync("POST", "/", "dms", body, "application/x-amz-json-1.1", $"AmazonDMSv20160101.{operation}");

    public async Task<AwsResponse> SendAsync(
        string method, string pathAndQuery, string? signAs, string? body, string contentType = "application/json", string? target = null,
        Action<HttpRequestMessage, byte[]>? sign = null)
    {
        byte[] bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Host.BaseUri, pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (target is not null) request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (sign is not null) sign(request, bytes);
        else if (signAs is not null) TestSigner.Sign(request, bytes, signAs);
        using HttpResponseMessage response = await Http.SendAsync(request);
        return await AwsResponse.ReadAsync(response);
    }

    public async Task<(HttpStatusCode Status, string Body)> ControlAsync(string method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(Host.BaseUri, "_emulator/" + path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>What came back, with the error code read the way SDKs read it for each protocol.</summary>
internal sealed record AwsResponse(HttpStatusCode Status, string Body, string? ErrorTypeHeader, string? RequestId)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>x-amzn-ErrorType for rest-json, __type for json 1.1.</summary>
    public string? ErrorCode =>
        ErrorTypeHeader ?? (Body.Length > 0 && Json.TryGetProperty("__type", out JsonElement type) ? type.GetString() : null);

    public string? Message => Body.Length > 0 && Json.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;

    public static async Task<AwsResponse> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        await response.Content.ReadAsStringAsync(),
        response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.Single() : null,
        response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.Single() : null);
}
