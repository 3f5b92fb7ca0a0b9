using System.Net;

namespace Recruiting.Connectors.Boards;

/// <summary>
/// The message handler of every board's named <see cref="HttpClient"/>: keeps each session's cookies in the session's
/// own <see cref="CookieContainer"/> (handlers are pooled and shared between accounts, so the primary handler keeps no
/// cookies) and follows redirects itself so cookies set by a redirect (a login) are kept.
/// </summary>
internal sealed class BoardSessionHandler : DelegatingHandler
{
    /// <summary>The request option carrying the session's cookies.</summary>
    public static readonly HttpRequestOptionsKey<CookieContainer> Cookies = new("Recruiting.Boards.Cookies");

    /// <summary>The request option that, set to <see langword="false"/>, returns a redirect as it is (its cookies kept) instead of following it.</summary>
    public static readonly HttpRequestOptionsKey<bool> FollowRedirects = new("Recruiting.Boards.FollowRedirects");

    /// <summary>The most redirects followed for one request.</summary>
    public const int MaxRedirects = 10;

    /// <summary>Creates the primary handler board clients use: no cookies, no automatic redirects (this handler does both).</summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(Cookies, out var cookies))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        for (var redirects = 0; ; redirects++)
        {
            var uri = request.RequestUri!;
            request.Headers.Remove("Cookie");
            var header = cookies.GetCookieHeader(uri);
            if (header.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var value in setCookies)
                {
                    try
                    {
                        cookies.SetCookies(uri, value);
                    }
                    catch (CookieException)
                    {
                        // A malformed cookie from the board is ignored, as a browser would.
                    }
                }
            }

            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location || redirects >= MaxRedirects
                || (request.Options.TryGetValue(FollowRedirects, out var follow) && !follow))
            {
                return response;
            }

            var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
            var keepMethod = status is 307 or 308;
            var next = new HttpRequestMessage(keepMethod ? request.Method : HttpMethod.Get, target);
            if (keepMethod && request.Content is not null)
            {
                next.Content = request.Content;
            }

            next.Options.Set(Cookies, cookies);
            response.Dispose();
            request = next;
        }
    }
}
