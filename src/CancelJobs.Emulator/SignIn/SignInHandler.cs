using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using CancelJobs.Emulator.Control;
using CancelJobs.Emulator.Hosting;
using CancelJobs.Emulator.Signing;
using Microsoft.AspNetCore.Http;

namespace CancelJobs.Emulator.SignIn;

/// <summary>
/// The sign-in services a credential chain calls before any job request: STS (AssumeRole, AssumeRoleWithWebIdentity;
/// query protocol, XML), the IAM Identity Center portal (GetRoleCredentials; rest-json) and a container credentials
/// endpoint (as ECS and EKS Pod Identity serve). Every call is written to the request log like a service request.
/// </summary>
internal sealed class SignInHandler(EmulatorState state)
{
    public const string SsoCredentialsPath = "/federation/credentials";
    public const string ContainerCredentialsPath = "/container/credentials";
    private const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>STS is a form POST to "/" without X-Amz-Target (DMS's json 1.1 has one); the other two by path.</summary>
    public static bool Handles(HttpRequest request, RequestTarget target) =>
        (request.Method == HttpMethods.Post && target.Path == "/" && !request.Headers.ContainsKey("X-Amz-Target")
            && (request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        || (request.Method == HttpMethods.Get && (target.Path == SsoCredentialsPath || target.Path == ContainerCredentialsPath));

    public async Task HandleAsync(HttpContext context, RequestTarget target, byte[] body)
    {
        string requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var entry = new RequestLogEntry
        {
            Time = DateTimeOffset.UtcNow,
            RequestId = requestId,
            Method = context.Request.Method,
            Path = target.Path,
            Query = target.Query,
            Headers = AwsRequestHandler.RedactedHeaders(context.Request.Headers),
            // Form bodies carry web identity tokens and MFA codes: not logged.
            Body = "",
        };
        if (target.Path == ContainerCredentialsPath && entry.Headers.ContainsKey("Authorization"))
        {
            // Here Authorization is a bearer secret, not a SigV4 header.
            entry = entry with { Headers = new Dictionary<string, string>(entry.Headers, StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "***" } };
        }
        Answer answer = target.Path switch
        {
            SsoCredentialsPath => Sso(context.Request, Form(target.Query)),
            ContainerCredentialsPath => Container(context.Request),
            _ => Sts(context.Request, target, body),
        };
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        if (answer.ErrorCode is not null && answer.ContentType.Contains("json", StringComparison.Ordinal))
            context.Response.Headers["x-amzn-ErrorType"] = answer.ErrorCode;
        await context.Response.WriteAsync(answer.Body);
        state.Log.Append(entry with
        {
            Service = answer.Service,
            Operation = answer.Operation,
            Signature = answer.Signature.Verdict,
            SignatureNote = answer.Signature.Note,
            Principal = answer.Principal,
            StatusCode = answer.Status,
            ErrorCode = answer.ErrorCode,
        });
    }

    private sealed record Answer(string Service, string? Operation, int Status, string ContentType, string Body)
    {
        public string? ErrorCode { get; init; }
        public string? Principal { get; init; }
        public SignatureCheck Signature { get; init; } = SignatureCheck.NotChecked;
    }

    private TimeSpan Lifetime(string? requestedSeconds)
    {
        var lifetime = TimeSpan.FromSeconds(state.Settings.IssuedCredentialSeconds);
        return int.TryParse(requestedSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) && seconds < lifetime.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : lifetime;
    }

    // ---- STS -------------------------------------------------------------------------------------------------

    private Answer Sts(HttpRequest request, RequestTarget target, byte[] body)
    {
        Dictionary<string, string> form = Form(Encoding.UTF8.GetString(body));
        string action = form.GetValueOrDefault("Action", "");
        Answer Error(int status, string code, string message, SignatureCheck? check = null) =>
            new("sts", action.Length == 0 ? null : action, status, "text/xml", StsError(code, message)) { ErrorCode = code, Signature = check ?? SignatureCheck.NotChecked };

        if (form.GetValueOrDefault("Version") != "2011-06-15")
            return Error(400, "InvalidAction", $"Could not find operation {action} for version {form.GetValueOrDefault("Version", "NO_VERSION_SPECIFIED")}");
        string roleArn = form.GetValueOrDefault("RoleArn", "");
        string sessionName = form.GetValueOrDefault("RoleSessionName", "");
        if (action is "AssumeRole" or "AssumeRoleWithWebIdentity" && (roleArn.Length == 0 || sessionName.Length == 0))
            return Error(400, "ValidationError", "RoleArn and RoleSessionName are required.");

        switch (action)
        {
            case "AssumeRole":
            {
                // Signed with the caller's credentials, which may themselves be temporary (a role chain).
                SignatureCheck check = state.Settings.VerifySignatures
                    ? SigV4Verifier.Verify(new SignedRequest(request.Method, target.Path, target.Query, request.Headers, body), "sts", state.SignIn.Identity, DateTimeOffset.UtcNow)
                    : SignatureCheck.NotChecked;
                if (check.Error is { } authError)
                    return Error(authError.StatusCode, StsAuthCode(authError.Code), check.Message!, check);
                string caller = check.Principal ?? "anonymous";
                SigningIdentity? callerIdentity = AccessKey(request) is { } key ? state.SignIn.Identity(key) : null;
                RoleSeed? role = state.SignIn.Role(roleArn);
                if (role is null || !Trusts(role, AccessKey(request), caller, callerIdentity?.RoleArn))
                    return Error(403, "AccessDenied", $"User: {caller} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", check);
                if (role.MfaSerial is not null
                    && (form.GetValueOrDefault("SerialNumber") != role.MfaSerial || form.GetValueOrDefault("TokenCode") != role.MfaCode))
                {
                    return Error(403, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.", check);
                }
                IssuedCredentials issued = state.SignIn.Issue(roleArn, sessionName, Lifetime(form.GetValueOrDefault("DurationSeconds")), DateTimeOffset.UtcNow);
                return new Answer("sts", action, 200, "text/xml", StsSuccess(action, issued, roleArn, "")) { Signature = check, Principal = caller };
            }
            case "AssumeRoleWithWebIdentity":
            {
                // Unsigned: the web identity token is the proof.
                string token = form.GetValueOrDefault("WebIdentityToken", "");
                RoleSeed? role = state.SignIn.Role(roleArn);
                if (role is null)
                    return Error(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
                if (role.WebIdentityTokens is null || !role.WebIdentityTokens.Contains(token, StringComparer.Ordinal))
                    return Error(400, "InvalidIdentityToken", "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.");
                IssuedCredentials issued = state.SignIn.Issue(roleArn, sessionName, Lifetime(form.GetValueOrDefault("DurationSeconds")), DateTimeOffset.UtcNow);
                string extra = "<SubjectFromWebIdentityToken>system:serviceaccount:default:runner</SubjectFromWebIdentityToken>"
                    + "<Audience>sts.amazonaws.com</Audience><Provider>oidc.emulator.local</Provider>";
                return new Answer("sts", action, 200, "text/xml", StsSuccess(action, issued, roleArn, extra)) { Principal = "web-identity" };
            }
            default:
                return Error(400, "InvalidAction", $"Could not find operation {action} for version 2011-06-15");
        }
    }

    private static bool Trusts(RoleSeed role, string? accessKey, string principal, string? callerRoleArn) =>
        role.TrustedPrincipals is null
        || role.TrustedPrincipals.Any(p => p == accessKey || p == principal || (callerRoleArn is not null && p == callerRoleArn));

    /// <summary>STS names the generic signing failures its own way.</summary>
    private static string StsAuthCode(string code) => code switch
    {
        "UnrecognizedClientException" => "InvalidClientTokenId",
        "InvalidSignatureException" => "SignatureDoesNotMatch",
        "ExpiredTokenException" => "ExpiredToken",
        "MissingAuthenticationTokenException" => "MissingAuthenticationToken",
        _ => code,
    };

    private static string? AccessKey(HttpRequest request) => AuthorizationHeader.TryParse(request.Headers.Authorization.FirstOrDefault())?.AccessKey;

    private static string StsSuccess(string action, IssuedCredentials issued, string roleArn, string extra) =>
        $"<{action}Response xmlns=\"{StsNamespace}\"><{action}Result>"
        + "<Credentials>"
        + $"<AccessKeyId>{issued.AccessKeyId}</AccessKeyId><SecretAccessKey>{Xml(issued.SecretAccessKey)}</SecretAccessKey>"
        + $"<SessionToken>{Xml(issued.SessionToken)}</SessionToken><Expiration>{Iso(issued.Expiration)}</Expiration>"
        + "</Credentials>"
        + $"<AssumedRoleUser><Arn>{Xml(issued.Principal)}</Arn><AssumedRoleId>AROA{issued.AccessKeyId[4..]}:{Xml(issued.Principal[(issued.Principal.LastIndexOf('/') + 1)..])}</AssumedRoleId></AssumedRoleUser>"
        + extra
        + $"</{action}Result><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{action}Response>";

    private static string StsError(string code, string message) =>
        $"<ErrorResponse xmlns=\"{StsNamespace}\"><Error><Type>Sender</Type><Code>{Xml(code)}</Code><Message>{Xml(message)}</Message></Error>"
        + $"<RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>";

    // ---- IAM Identity Center portal ----------------------------------------------------------------------------

    private Answer Sso(HttpRequest request, Dictionary<string, string> query)
    {
        const string Operation = "GetRoleCredentials";
        Answer Error(int status, string code, string message) =>
            new("awsssoportal", Operation, status, "application/json", JsonSerializer.Serialize(new { message })) { ErrorCode = code };

        string? token = request.Headers["x-amz-sso_bearer_token"].FirstOrDefault();
        if (string.IsNullOrEmpty(token) || state.SignIn.SsoToken(token) is not { } grant)
            return Error(401, "UnauthorizedException", "Session token not found or invalid");
        string roleName = query.GetValueOrDefault("role_name", "");
        string accountId = query.GetValueOrDefault("account_id", "");
        if (roleName != grant.RoleName || accountId != grant.AccountId)
            return Error(403, "ForbiddenException", "No access");
        IssuedCredentials issued = state.SignIn.Issue($"arn:aws:iam::{accountId}:role/AWSReservedSSO_{roleName}", "sso-user", Lifetime(null), DateTimeOffset.UtcNow);
        string body = JsonSerializer.Serialize(new
        {
            roleCredentials = new
            {
                accessKeyId = issued.AccessKeyId,
                secretAccessKey = issued.SecretAccessKey,
                sessionToken = issued.SessionToken,
                expiration = issued.Expiration.ToUnixTimeMilliseconds(),
            },
        });
        return new Answer("awsssoportal", Operation, 200, "application/json", body) { Principal = "sso:" + accountId + "/" + roleName };
    }

    // ---- Container credentials ---------------------------------------------------------------------------------

    private Answer Container(HttpRequest request)
    {
        string authorization = request.Headers.Authorization.FirstOrDefault() ?? "";
        if (state.SignIn.ContainerToken(authorization) is not { } grant)
        {
            return new Answer("container", "GetCredentials", 401, "application/json",
                JsonSerializer.Serialize(new { code = "AccessDenied", message = "The Authorization header does not match a container credentials grant." })) { ErrorCode = "AccessDenied" };
        }
        IssuedCredentials issued = state.SignIn.Issue(grant.RoleArn, "container", Lifetime(null), DateTimeOffset.UtcNow);
        string body = JsonSerializer.Serialize(new
        {
            AccessKeyId = issued.AccessKeyId,
            SecretAccessKey = issued.SecretAccessKey,
            Token = issued.SessionToken,
            Expiration = Iso(issued.Expiration),
            RoleArn = grant.RoleArn,
        });
        return new Answer("container", "GetCredentials", 200, "application/json", body) { Principal = "container:" + grant.RoleArn };
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static Dictionary<string, string> Form(string encoded)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
            values.TryAdd(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : "");
        }
        return values;
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Xml(string text) => SecurityElement.Escape(text) ?? "";
}
