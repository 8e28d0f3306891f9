using System.Text.Json;
using System.Text.Json.Serialization;

namespace CancelJobs.Emulator.Protocol;

/// <summary>json 1.1 (DMS): the code rides in the body's __type.</summary>
internal sealed class AwsJson11Protocol : AwsProtocol
{
    public static readonly AwsJson11Protocol Instance = new();

    public override string ContentType => "application/x-amz-json-1.1";

    public override ErrorShape UnknownOperation { get; } = new("UnknownOperationException", 400);

    public override string ErrorBody(ErrorShape error, string message) =>
        JsonSerializer.Serialize(new Json11Error(error.Code, message), Json);

    public override string SuccessBody(object? output) =>
        output is null ? "{}" : JsonSerializer.Serialize(output, Json);

    private sealed record Json11Error(
        [property: JsonPropertyName("__type")] string Type,
        [property: JsonPropertyName("message")] string Message);
}
