using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CancelJobs.Emulator.Seeding;
using Microsoft.AspNetCore.Http;

namespace CancelJobs.Emulator.Control;

/// <summary>
/// The emulator's own JSON API under /_emulator/: seeding, inspection, faults and settings.
/// Never signed and never subject to faults, so tests can always steer the emulator.
/// </summary>
internal sealed class ControlApi(EmulatorState state)
{
    public const string Root = "/_emulator";

    private static readonly JsonSerializerOptions Json = SeedDocument.JsonOptions;

    public static bool Handles(string rawPath) =>
        rawPath.Equals(Root, StringComparison.Ordinal) || rawPath.StartsWith(Root + "/", StringComparison.Ordinal);

    public async Task HandleAsync(HttpContext context, string rawPath, byte[] body)
    {
        string resource = rawPath[Root.Length..].TrimEnd('/');
        string method = context.Request.Method;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        try
        {
            object? result = (method, resource) switch
            {
                ("POST", "/reset") => Do(state.Reset),
                ("POST", "/seed") => Do(() => state.SeedJson(Text(body))),
                ("POST", "/seed/demo") => Do(state.SeedDemo),
                ("GET", "/jobs") => state.Export(),
                ("GET", "/requests") => state.Requests,
                ("DELETE", "/requests") => Do(state.ClearRequests),
                ("GET", "/faults") => state.Faults,
                ("PUT", "/faults") => state.Faults = Merge(state.Faults, body),
                ("GET", "/signin") => state.SignIn.Export(),
                ("POST", "/signin") => Do(() => state.SignIn.Seed(JsonSerializer.Deserialize<SignIn.SignInSeed>(Text(body), Json) ?? new SignIn.SignInSeed())),
                ("GET", "/settings") => state.Settings,
                ("PUT", "/settings") => state.Settings = Merge(state.Settings, body),
                (_, "/reset" or "/seed" or "/seed/demo" or "/jobs" or "/requests" or "/faults" or "/settings" or "/signin") =>
                    throw new ControlException(StatusCodes.Status405MethodNotAllowed, $"{method} is not supported on {Root}{resource}."),
                _ => throw new ControlException(StatusCodes.Status404NotFound, $"No control resource {Root}{resource}."),
            };
            await WriteAsync(context.Response, StatusCodes.Status200OK, result);
        }
        catch (ControlException ex)
        {
            await WriteAsync(context.Response, ex.StatusCode, new { message = ex.Message });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
        {
            await WriteAsync(context.Response, StatusCodes.Status400BadRequest, new { message = ex.Message });
        }
    }

    private static object Do(Action action)
    {
        action();
        return new { ok = true };
    }

    /// <summary>PUT semantics are a patch: members left out keep their current values.</summary>
    private static T Merge<T>(T current, byte[] body)
    {
        JsonObject merged = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        if (JsonNode.Parse(Text(body)) is not JsonObject changes) throw new ArgumentException("The body must be a JSON object.");
        foreach ((string name, JsonNode? value) in changes)
        {
            merged[name] = value?.DeepClone();
        }
        return merged.Deserialize<T>(Json) ?? throw new ArgumentException("The body must be a JSON object.");
    }

    private static string Text(byte[] body) => body.Length == 0 ? "{}" : Encoding.UTF8.GetString(body);

    private static async Task WriteAsync(HttpResponse response, int statusCode, object? value)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        await response.WriteAsync(JsonSerializer.Serialize(value, Json));
    }

    private sealed class ControlException(int statusCode, string message) : Exception(message)
    {
        public int StatusCode { get; } = statusCode;
    }
}
