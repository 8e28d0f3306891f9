using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CancelJobs.Emulator.Protocol;

/// <summary>rest-json (TwinMaker, IoT, DataZone): the code rides in x-amzn-ErrorType, the body holds the message.</summary>
internal sealed class RestJsonProtocol : AwsProtocol
{
    public static readonly RestJsonProtocol Instance = new();

    public override string ContentType => "application/json";

    public override ErrorShape UnknownOperation { get; } = new("UnknownOperationException", 404);

    public override string ErrorBody(ErrorShape error, string message) =>
        JsonSerializer.Serialize(new { message }, Json);

    public override string? SuccessBody(object? output) =>
        output is null ? null : JsonSerializer.Serialize(output, Json);

    protected override void AddErrorHeaders(HttpResponse response, ErrorShape error) =>
        response.Headers["x-amzn-ErrorType"] = error.Code;
}
