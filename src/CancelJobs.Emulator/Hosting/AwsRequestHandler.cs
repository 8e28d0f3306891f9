using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Protocol;
using CancelJobs.Emulator.Signing;
using Microsoft.AspNetCore.Http;

namespace CancelJobs.Emulator.Hosting;

/// <summary>
/// The AWS-facing pipeline: attribute the request to a service, inject network faults, verify the
/// signature, inject service faults, run the operation, encode the answer, log it.
/// </summary>
internal sealed class AwsRequestHandler(EmulatorState state, ServiceCatalog catalog, FaultInjector faults)
{
    private const int MaxLoggedBodyChars = 64 * 1024;

    public async Task HandleAsync(HttpContext context, RequestTarget requestTarget, byte[] body)
    {
        HttpRequest request = context.Request;
        string requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        string[] segments = requestTarget.Path.TrimStart('/').Split('/');
        string? target = request.Headers["X-Amz-Target"].FirstOrDefault();
        AuthorizationHeader? auth = AuthorizationHeader.TryParse(request.Headers.Authorization.FirstOrDefault());
        ServiceDescriptor? service = catalog.Resolve(target, segments, auth?.Service);
        var match = service?.FindOperation(request.Method, segments, target);
        AwsProtocol protocol = service?.Protocol ?? RestJsonProtocol.Instance;

        var entry = new RequestLogEntry
        {
            Time = DateTimeOffset.UtcNow,
            RequestId = requestId,
            Service = service?.SigningName ?? "unknown",
            Operation = match?.Operation.Name,
            Method = request.Method,
            Path = requestTarget.Path,
            Query = requestTarget.Query,
            Headers = RedactedHeaders(request.Headers),
            Body = LoggedBody(body),
        };

        FaultSettings activeFaults = state.Faults;
        await FaultInjector.DelayAsync(activeFaults, context.RequestAborted);
        if (FaultInjector.ShouldResetConnection(activeFaults, match?.Operation.Name))
        {
            state.Log.Append(entry with { StatusCode = 0, ErrorCode = "ConnectionReset", Answered = DateTimeOffset.UtcNow });
            context.Abort();
            return;
        }

        SignatureCheck signature = service is not null && state.Settings.VerifySignatures
            ? SigV4Verifier.Verify(new SignedRequest(request.Method, requestTarget.Path, requestTarget.Query, request.Headers, body),
                service.SigningName, state.SignIn.Identity, DateTimeOffset.UtcNow)
            : SignatureCheck.NotChecked;
        if (signature.Error is null && state.Region is { } served && auth is not null && auth.Region != served)
        {
            // A regional endpoint refuses a signature scoped to another region.
            signature = new SignatureCheck(SignatureVerdicts.Invalid, AuthErrors.InvalidSignature, "Credential should be scoped to a valid region.",
                $"scoped to {auth.Region}; this endpoint answers as {served}");
        }
        if (signature.Error is null && service is not null && !state.Settings.RegionEnabled)
        {
            signature = new SignatureCheck(SignatureVerdicts.UnknownKey, AuthErrors.UnknownKey, "The security token included in the request is invalid.",
                "opt-in region not enabled for the account");
        }
        entry = entry with { Signature = signature.Verdict, SignatureNote = signature.Note, Principal = signature.Principal };

        AwsServiceException? failure = signature.Error is { } authError
            ? authError.With(signature.Message!)
            : service is null ? null : faults.ServiceFault(activeFaults, service, match?.Operation.Name, auth?.AccessKey);

        string? successBody = null;
        if (failure is null)
        {
            if (service is null || match is null)
            {
                failure = protocol.UnknownOperation.With(UnknownOperationMessage(request.Method, requestTarget.Path, target));
            }
            else
            {
                (failure, successBody) = Run(service, match.Value.Operation, match.Value.Labels, requestTarget, body, auth);
            }
        }

        if (failure is null && match is not null && FaultInjector.ShouldLoseResponse(activeFaults, match?.Operation.Name))
        {
            // The operation took effect; only its answer is lost, as when a connection drops on the way back. The status
            // line goes out first, so the client knows the request was received (an HTTP client may silently resend a
            // request whose pooled connection died before any answer, taking it for a stale keep-alive connection).
            state.Log.Append(entry with { Answered = DateTimeOffset.UtcNow, StatusCode = 0, ErrorCode = "ResponseLost" });
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 1024;
            await context.Response.Body.FlushAsync(context.RequestAborted);
            context.Abort();
            return;
        }

        entry = entry with { Answered = DateTimeOffset.UtcNow };
        if (failure is null)
        {
            await protocol.WriteSuccessAsync(context.Response, successBody);
            state.Log.Append(entry with { StatusCode = StatusCodes.Status200OK });
        }
        else
        {
            await protocol.WriteErrorAsync(context.Response, failure.Shape, failure.Message);
            state.Log.Append(entry with { StatusCode = failure.Shape.StatusCode, ErrorCode = failure.Shape.Code });
        }
    }

    private static (AwsServiceException? Failure, string? Body) Run(
        ServiceDescriptor service,
        Operation operation,
        IReadOnlyDictionary<string, string> labels,
        RequestTarget requestTarget,
        byte[] body,
        AuthorizationHeader? auth)
    {
        var operationRequest = new OperationRequest
        {
            Service = service,
            Labels = labels,
            Query = ParseQuery(requestTarget.Query),
            Body = body,
            Region = auth?.Region ?? Wire.DefaultRegion,
            Now = DateTimeOffset.UtcNow,
        };
        try
        {
            return (null, service.Protocol.SuccessBody(operation.Handler(operationRequest)));
        }
        catch (AwsServiceException ex)
        {
            return (ex, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug, not bad input; still answer as the service would rather than dropping the connection.
            return (service.Errors.ServerError.With($"Unexpected emulator error: {ex.GetType().Name}: {ex.Message}"), null);
        }
    }

    /// <summary>First value per name, percent-decoded ('+' is kept literally, as AWS SDKs encode spaces as %20).</summary>
    private static Dictionary<string, string> ParseQuery(string rawQuery)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            query.TryAdd(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts.Length > 1 ? parts[1] : ""));
        }
        return query;
    }

    private static string UnknownOperationMessage(string method, string path, string? target) =>
        target is null ? $"No operation matches {method} {path}." : $"Unknown operation {target}.";

    /// <summary>All headers, with the signature, session token and SSO bearer token replaced by "***".</summary>
    internal static Dictionary<string, string> RedactedHeaders(IHeaderDictionary headers)
    {
        var logged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, var values) in headers)
        {
            string value = values.ToString();
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)) value = AuthorizationHeader.Redact(value);
            else if (name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-amz-sso_bearer_token", StringComparison.OrdinalIgnoreCase)) value = "***";
            logged[name] = value;
        }
        return logged;
    }

    internal static string LoggedBody(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body);
        return text.Length > MaxLoggedBodyChars ? text[..MaxLoggedBodyChars] : text;
    }
}
