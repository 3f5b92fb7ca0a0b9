using System.Collections.Frozen;
using MimeKit;

namespace Recruiting.MailImport.Unwrapping;

/// <summary>
/// Finds the candidate's original message inside a recruiter's forward: a <c>message/rfc822</c> attachment, or an inline forward in
/// the plain-text or HTML body (Outlook desktop/web/new, Gmail, Apple Mail, Thunderbird, Yahoo … in many languages; see
/// <see cref="InlineForwardParser"/>). Pure and thread-safe.
/// </summary>
/// <remarks>
/// <para>The recruiter's note is the text above the first forward separator (or the whole text body beside a
/// <c>message/rfc822</c> attachment).</para>
/// <para>Nested forwards (recruiter A forwards the reply to recruiter B, who forwards it to the import address) are peeled: the
/// unwrapper descends into the next forwarded message while the current one is itself a forward, that is while its subject starts
/// with a forward prefix (<c>Fwd:</c>, <c>WG:</c>, <c>TR:</c>, <c>転送:</c> …) or its own text above the next forward block is
/// empty. It never descends into the history quoted by a reply (subject <c>Re:</c>/<c>AW:</c> with text of its own): that history is
/// part of the candidate's message. So the original is the innermost forwarded message, the one the first forward was made of.
/// Peeling stops at <see cref="ForwardUnwrapperOptions.MaxDepth"/> with <see cref="UnwrapResult.DepthLimitReached"/> set.</para>
/// </remarks>
internal sealed class ForwardUnwrapper
{
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> ForwardPrefixes = new[]
    {
        "Fwd", "Fw", "Forward", "Fwrd", "WG", "Wtr", "Weitergeleitet", "TR", "Transf", "RV", "Reenviado", "I", "Inoltro", "Inoltrato",
        "Doorst", "Doorgestuurd", "VS", "VB", "VL", "FS", "Videresend", "Videresendt", "PD", "Továbbítás", "Továbbított",
        "Redirecționat", "Redirecţionat", "Prosljeđeno", "Proslijeđeno", "Prosl", "ENC", "Encaminhado", "İLT", "ILT", "ΠΡΘ", "Πρθ",
        "Пересл", "Переслано", "Пересылка", "Пер", "Препратено", "הועבר", "إعادة توجيه", "اعادة توجيه", "توجيه", "转发", "轉寄",
        "轉發", "转寄", "転送", "전달",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly ForwardUnwrapperOptions _options;

    static ForwardUnwrapper() => MailEncodings.EnsureRegistered();

    public ForwardUnwrapper(ForwardUnwrapperOptions? options = null) => _options = options ?? new ForwardUnwrapperOptions();

    /// <summary>Finds the original message in <paramref name="forward"/>.</summary>
    /// <param name="forward">The recruiter's forward.</param>
    /// <returns>The original and the recruiter's note, or <see cref="UnwrapResult.NotFound"/>. Never throws for odd content.</returns>
    public UnwrapResult Unwrap(MimeMessage forward)
    {
        ArgumentNullException.ThrowIfNull(forward);
        var outerOffset = forward.Date == DateTimeOffset.MinValue ? TimeSpan.Zero : forward.Date.Offset;
        var layer = Layer.FromMime(forward);
        var first = Step(layer, outerOffset);
        if (first is null)
        {
            return UnwrapResult.NotFound;
        }

        var note = first.Note;
        var current = first;
        var notes = new List<string>();
        var depth = 1;
        var limited = false;
        while (IsForward(current.Next))
        {
            var next = Step(current.Next, outerOffset);
            if (next is null)
            {
                break;
            }

            if (depth >= _options.MaxDepth)
            {
                limited = true;
                break;
            }

            if (next.Note is { Length: > 0 } intermediate)
            {
                notes.Add(intermediate);
            }

            current = next;
            depth++;
        }

        return new UnwrapResult
        {
            Original = current.Next.Original,
            RecruiterNote = note,
            Method = current.Method,
            Depth = depth,
            DepthLimitReached = limited,
            IntermediateNotes = notes,
        };
    }

    internal static bool HasForwardPrefix(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return false;
        }

        var span = subject.AsSpan().TrimStart();
        var window = span[..Math.Min(span.Length, 40)];
        var colon = window.IndexOfAny(':', '：');
        if (colon <= 0)
        {
            return false;
        }

        var word = window[..colon].Trim();
        var bracket = word.IndexOfAny('[', '(', '^');
        if (bracket > 0)
        {
            word = word[..bracket].TrimEnd();
        }

        return ForwardPrefixes.Contains(word);
    }

    private static bool IsForward(Layer layer) => HasForwardPrefix(layer.Original.Subject) || layer.EmptyAboveNextForward;

    private Hop? Step(Layer layer, TimeSpan outerOffset)
    {
        if (layer.Mime is { } mime && FindMessagePart(mime) is { } attached)
        {
            var inner = Layer.FromMime(attached);
            var note = Normalize(layer.Text ?? (layer.Html is null ? null : HtmlText.Render(layer.Html).Text));
            return new Hop(note, inner, UnwrapMethod.Rfc822Attachment);
        }

        if (layer.Text is { Length: > 0 } text)
        {
            var searched = Limit(text);
            if (InlineForwardParser.Find(searched) is { } block)
            {
                string? htmlBody = null;
                if (layer.Html is { Length: > 0 } html)
                {
                    var rendered = HtmlText.Render(html);
                    if (InlineForwardParser.Find(Limit(rendered.Text)) is { } htmlBlock)
                    {
                        htmlBody = rendered.SliceFrom(htmlBlock.BodyStart);
                    }
                }

                var body = InlineForwardParser.Unquote(searched[block.BodyStart..], block.QuoteDepth).TrimEnd();
                var inner = Layer.FromInline(block, body, htmlBody, outerOffset);
                return new Hop(Normalize(searched[..block.SeparatorStart]), inner, UnwrapMethod.InlineText);
            }
        }

        if (layer.Html is { Length: > 0 } htmlOnly)
        {
            var rendered = HtmlText.Render(htmlOnly);
            var searched = Limit(rendered.Text);
            if (InlineForwardParser.Find(searched) is { } block)
            {
                var htmlBody = rendered.SliceFrom(block.BodyStart);
                var body = InlineForwardParser.Unquote(searched[block.BodyStart..], block.QuoteDepth).TrimEnd();
                var inner = Layer.FromInline(block, body, htmlBody, outerOffset);
                return new Hop(Normalize(searched[..block.SeparatorStart]), inner, UnwrapMethod.InlineHtml);
            }
        }

        return null;
    }

    private string Limit(string text) => text.Length > _options.MaxSearchLength ? text[.._options.MaxSearchLength] : text;

    private static string? Normalize(string? note)
    {
        if (note is null)
        {
            return null;
        }

        var trimmed = note.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static MimeMessage? FindMessagePart(MimeMessage message)
    {
        if (message.Body is null)
        {
            return null;
        }

        var stack = new Stack<MimeEntity>();
        stack.Push(message.Body);
        var visited = 0;
        while (stack.Count > 0 && visited++ < 10_000)
        {
            switch (stack.Pop())
            {
                case MessagePart { Message: { } inner }:
                    return inner;
                case Multipart multipart:
                    for (var i = multipart.Count - 1; i >= 0; i--)
                    {
                        stack.Push(multipart[i]);
                    }

                    break;
            }
        }

        return null;
    }

    private sealed record Hop(string? Note, Layer Next, UnwrapMethod Method);

    private sealed record Layer(MimeMessage? Mime, string? Text, string? Html, OriginalMessage Original, bool EmptyAboveNextForward)
    {
        public static Layer FromMime(MimeMessage message)
        {
            var text = Safe(() => message.TextBody);
            var html = Safe(() => message.HtmlBody);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in message.Headers)
            {
                headers[header.Field] = headers.TryGetValue(header.Field, out var existing) ? existing + "\n" + header.Value : header.Value;
            }

            var from = message.From.Mailboxes.FirstOrDefault();
            var original = new OriginalMessage
            {
                From = from?.Address,
                FromName = string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name,
                Subject = message.Subject,
                Date = message.Date == DateTimeOffset.MinValue ? null : message.Date,
                DateText = message.Headers[HeaderId.Date],
                MessageId = string.IsNullOrWhiteSpace(message.MessageId) ? null : message.MessageId,
                To = message.To.Count == 0 ? null : message.To.ToString(),
                TextBody = text,
                HtmlBody = html,
                Headers = headers,
            };

            return new Layer(message, text, html, original, EmptyAboveNextForward: IsEmptyAboveForward(text));
        }

        public static Layer FromInline(InlineForwardBlock block, string body, string? htmlBody, TimeSpan outerOffset)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (field, value) in block.Fields)
            {
                var name = field switch
                {
                    ForwardField.From => "From",
                    ForwardField.Date => "Date",
                    ForwardField.To => "To",
                    ForwardField.Cc => "Cc",
                    ForwardField.Subject => "Subject",
                    ForwardField.ReplyTo => "Reply-To",
                    _ => null,
                };

                if (name is not null)
                {
                    headers[name] = value;
                }
            }

            foreach (var (label, value) in block.Headers)
            {
                headers.TryAdd(label, value);
            }

            var (address, name2) = AddressText.Parse(block.Fields.GetValueOrDefault(ForwardField.From));
            var dateText = block.Fields.GetValueOrDefault(ForwardField.Date);
            var dateLabel = block.Headers.FirstOrDefault(h => ForwardLabels.Fields.GetValueOrDefault(h.Key) == ForwardField.Date).Key;
            var monthFirst = dateLabel is not null && (dateLabel.Equals("Sent", StringComparison.OrdinalIgnoreCase) || dateLabel.Equals("Date", StringComparison.OrdinalIgnoreCase));
            DateTimeOffset? date = LocalizedDateParser.TryParse(dateText, outerOffset, monthFirst, out var parsed, ForwardLabels.LanguageOf(block.Headers)) ? parsed : null;
            var original = new OriginalMessage
            {
                From = address,
                FromName = name2,
                Subject = block.Fields.GetValueOrDefault(ForwardField.Subject),
                Date = date,
                DateText = dateText,
                To = block.Fields.GetValueOrDefault(ForwardField.To),
                TextBody = body.Length == 0 ? null : body,
                HtmlBody = htmlBody,
                Headers = headers,
            };

            return new Layer(null, body, htmlBody, original, IsEmptyAboveForward(body));
        }

        private static bool IsEmptyAboveForward(string? text)
            => text is { Length: > 0 } && InlineForwardParser.Find(text) is { } block && string.IsNullOrWhiteSpace(text[..block.SeparatorStart]);

        private static string? Safe(Func<string?> read)
        {
            try
            {
                return read();
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or FormatException or System.Text.DecoderFallbackException)
            {
                return null;
            }
        }
    }
}
