using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace CancelJobs.Emulator.Protocol;

/// <summary>How a service encodes successes and errors on the wire.</summary>
internal abstract class AwsProtocol
{
    public static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public abstract string ContentType { get; }

    /// <summary>What a request for an operation the service does not have gets.</summary>
    public abstract ErrorShape UnknownOperation { get; }

    public abstract string? ErrorBody(ErrorShape error, string message);

    /// <summary>Null body = the operation models no output (rest-json sends nothing, json 1.1 sends {}).</summary>
    public abstract string? SuccessBody(object? output);

    public async Task WriteErrorAsync(HttpResponse response, ErrorShape error, string message)
    {
        response.StatusCode = error.StatusCode;
        AddErrorHeaders(response, error);
        await WriteBodyAsync(response, ErrorBody(error, message));
    }

    public async Task WriteSuccessAsync(HttpResponse response, string? body)
    {
        response.StatusCode = StatusCodes.Status200OK;
        await WriteBodyAsync(response, body);
    }

    protected virtual void AddErrorHeaders(HttpResponse response, ErrorShape error) { }

    private async Task WriteBodyAsync(HttpResponse response, string? body)
    {
        if (body is null)
        {
            response.ContentLength = 0;
            return;
        }
        response.ContentType = ContentType;
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes);
    }
}
