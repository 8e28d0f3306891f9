using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CancelJobs.Emulator.Hosting;

/// <summary>The request target exactly as sent: path still percent-encoded, query without '?'.</summary>
internal sealed record RequestTarget(string Path, string Query)
{
    public static RequestTarget From(HttpContext context)
    {
        // RawTarget keeps the client's encoding, which both routing (labels) and SigV4 need.
        string raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (raw.Length == 0)
        {
            raw = context.Request.PathBase.Add(context.Request.Path).ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }
        else if (!raw.StartsWith('/') && Uri.TryCreate(raw, UriKind.Absolute, out Uri? absolute))
        {
            raw = absolute.PathAndQuery; // absolute-form, as sent through a proxy
        }
        int question = raw.IndexOf('?');
        return question < 0 ? new RequestTarget(raw, "") : new RequestTarget(raw[..question], raw[(question + 1)..]);
    }

    public static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }
}
