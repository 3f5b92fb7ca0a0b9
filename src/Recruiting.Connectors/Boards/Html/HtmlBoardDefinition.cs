using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recruiting.Connectors.Boards.Html;

/// <summary>
/// Describes a board's employer console to <c>the configurable HTML connector</c>: where the login form is and which
/// fields it has, where postings and applicants are listed, how pages follow each other, and the CSS selector of every
/// field. When a board changes its layout, the definition (JSON) is edited; no code is released.
/// </summary>
public sealed class HtmlBoardDefinition
{
    /// <summary>Gets or sets the board's registered service name (for example <c>マイナビ転職</c>).</summary>
    public string Board { get; set; } = string.Empty;

    /// <summary>Gets or sets the console's base address; hosts may override it in <see cref="BoardConnectorOptions.BaseAddress"/>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the encoding used when a page declares none (<c>utf-8</c>, <c>shift_jis</c>, <c>cp932</c>, <c>windows-31j</c>, <c>euc-jp</c>).</summary>
    /// <value>The default value is <c>utf-8</c>.</value>
    public string Encoding { get; set; } = "utf-8";

    /// <summary>Gets or sets the IANA time zone the board writes its dates in.</summary>
    /// <value>The default value is <c>Asia/Tokyo</c>.</value>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>Gets or sets the formats of dates with a time (applied dates).</summary>
    public IList<string> DateTimeFormats { get; set; } = ["yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy年M月d日 H:mm", "yyyy/M/d H:mm"];

    /// <summary>Gets or sets the formats of dates without a time (birth dates, posting dates).</summary>
    public IList<string> DateFormats { get; set; } = ["yyyy/MM/dd", "yyyy-MM-dd", "yyyy年MM月dd日", "yyyy年M月d日", "yyyy/M/d"];

    /// <summary>Gets or sets the login page.</summary>
    public HtmlLoginDefinition Login { get; set; } = new();

    /// <summary>Gets or sets the posting list.</summary>
    public HtmlPostingListDefinition Postings { get; set; } = new();

    /// <summary>Gets or sets the applicant list.</summary>
    public HtmlApplicantListDefinition Applicants { get; set; } = new();

    /// <summary>Gets or sets the applicant detail page, when the board has one.</summary>
    public HtmlDetailDefinition? Detail { get; set; }

    /// <summary>Gets the JSON options definitions are read with (camelCase, comments and trailing commas allowed).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new HtmlFieldJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Reads a definition from JSON and validates it.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="HtmlBoardDefinitionException">The JSON is malformed or the definition is incomplete; the message lists every problem.</exception>
    public static HtmlBoardDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        HtmlBoardDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<HtmlBoardDefinition>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new HtmlBoardDefinitionException($"The board definition is not valid JSON: {ex.Message}", ex);
        }

        if (definition is null)
        {
            throw new HtmlBoardDefinitionException("The board definition is empty.");
        }

        var problems = definition.Validate();
        if (problems.Count > 0)
        {
            throw new HtmlBoardDefinitionException("The board definition is incomplete: " + string.Join(" ", problems));
        }

        return definition;
    }

    /// <summary>Reads a definition shipped with the SDK (<c>simulator</c>).</summary>
    /// <param name="name">The definition's name.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentException">No definition has this name.</exception>
    public static HtmlBoardDefinition LoadBuiltIn(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var resource = $"Recruiting.Connectors.Boards.Html.Definitions.{name}.board.json";
        using var stream = typeof(HtmlBoardDefinition).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"No built-in board definition '{name}'.", nameof(name));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Writes the definition as JSON.</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Lists every problem of the definition (empty when it is usable).</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Require(string? value, string path)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"'{path}' is required.");
            }
        }

        void RequireField(HtmlField? field, string path)
        {
            if (field is null || string.IsNullOrWhiteSpace(field.Selector))
            {
                problems.Add($"'{path}' is required.");
            }
        }

        Require(Board, "board");
        Require(Login?.Path, "login.path");
        Require(Login?.Form, "login.form");
        Require(Login?.LoginIdField, "login.loginIdField");
        Require(Login?.PasswordField, "login.passwordField");
        Require(Postings?.Path, "postings.path");
        Require(Postings?.Row, "postings.row");
        RequireField(Postings?.Fields.Id, "postings.fields.id");
        RequireField(Postings?.Fields.Title, "postings.fields.title");
        Require(Applicants?.Path, "applicants.path");
        Require(Applicants?.Row, "applicants.row");
        RequireField(Applicants?.Fields.AppliedAt, "applicants.fields.appliedAt");
        if (Applicants?.Paging is { } paging && string.IsNullOrWhiteSpace(paging.NextLink) && string.IsNullOrWhiteSpace(paging.PageParameter))
        {
            problems.Add("'applicants.paging' needs 'nextLink' or 'pageParameter'.");
        }

        if (Applicants?.Since is { } since)
        {
            Require(since.Parameter, "applicants.since.parameter");
            Require(since.Format, "applicants.since.format");
            try
            {
                _ = DateTime.UnixEpoch.ToString(since.Format, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                problems.Add($"'applicants.since.format' '{since.Format}' is not a date format.");
            }
        }

        if (Detail is not null)
        {
            Require(Applicants?.DetailLink, "applicants.detailLink");
            RequireField(Detail.Fields.Name, "detail.fields.name");
        }
        else
        {
            RequireField(Applicants?.Fields.Name, "applicants.fields.name");
        }

        if (PageEncodings.Find(Encoding) is null)
        {
            problems.Add($"'encoding' '{Encoding}' is not known.");
        }

        if (Detail?.Encoding is { } detailEncoding && PageEncodings.Find(detailEncoding) is null)
        {
            problems.Add($"'detail.encoding' '{detailEncoding}' is not known.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out _))
        {
            problems.Add($"'timeZone' '{TimeZone}' is not known on this machine.");
        }

        return problems;
    }
}

/// <summary>The login page of a board.</summary>
public sealed class HtmlLoginDefinition
{
    /// <summary>Gets or sets the login page's path.</summary>
    public string Path { get; set; } = "/login";

    /// <summary>Gets or sets the selector of the login form; its hidden fields (CSRF tokens) are posted back as they are.</summary>
    public string Form { get; set; } = "form";

    /// <summary>Gets or sets the name of the login id input.</summary>
    public string LoginIdField { get; set; } = "login_id";

    /// <summary>Gets or sets the name of the password input.</summary>
    public string PasswordField { get; set; } = "password";

    /// <summary>Gets or sets the form inputs filled from the account's extra fields: input name → extra field key (Re就活's <c>personInChargeId</c>).</summary>
    public IDictionary<string, string> ExtraFields { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the selector of the error a refused login shows, when the board shows one.</summary>
    public string? Error { get; set; }

    /// <summary>Gets or sets the path prefix a page redirects to when the session ended; defaults to <see cref="Path"/>.</summary>
    public string? SessionExpiredPath { get; set; }

    /// <summary>
    /// Gets or sets whether a login answered by a redirect away from the login page counts as logged in without following
    /// the redirect (the landing page is not fetched: one request less per run). A redirect back to the login page is a
    /// refused login; a page answered directly is checked as usual. Leave it off for a board whose landing page sets a
    /// cookie the console needs.
    /// </summary>
    public bool StopAtSuccessRedirect { get; set; }
}

/// <summary>The posting list.</summary>
public sealed class HtmlPostingListDefinition
{
    /// <summary>Gets or sets the page's path.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the selector of one posting row.</summary>
    public string Row { get; set; } = string.Empty;

    /// <summary>Gets or sets the selector of the "no postings" message; zero rows without it means the layout changed.</summary>
    public string? Empty { get; set; }

    /// <summary>Gets or sets the texts of <see cref="HtmlPostingFields.Status"/> that mean published (掲載中); anything else is ended.</summary>
    public IList<string> PublishedValues { get; set; } = ["掲載中", "公開中"];

    /// <summary>Gets or sets the fields, relative to a row.</summary>
    public HtmlPostingFields Fields { get; set; } = new();
}

/// <summary>The fields of a posting row.</summary>
public sealed class HtmlPostingFields
{
    /// <summary>Gets or sets the posting id.</summary>
    public HtmlField? Id { get; set; }

    /// <summary>Gets or sets the title.</summary>
    public HtmlField? Title { get; set; }

    /// <summary>Gets or sets the status text (compared with <see cref="HtmlPostingListDefinition.PublishedValues"/>).</summary>
    public HtmlField? Status { get; set; }

    /// <summary>Gets or sets the publication date.</summary>
    public HtmlField? PublishedAt { get; set; }

    /// <summary>Gets or sets the end date.</summary>
    public HtmlField? EndedAt { get; set; }
}

/// <summary>The applicant list, newest first.</summary>
public sealed class HtmlApplicantListDefinition
{
    /// <summary>Gets or sets the first page's path.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>Gets or sets the selector of one applicant row.</summary>
    public string Row { get; set; } = string.Empty;

    /// <summary>Gets or sets the selector of the total count, when the board shows one; rows missing while it says more than zero means the layout changed.</summary>
    public string? Total { get; set; }

    /// <summary>Gets or sets the selector of the "no applicants" message.</summary>
    public string? Empty { get; set; }

    /// <summary>Gets or sets how pages follow each other.</summary>
    public HtmlPagingDefinition Paging { get; set; } = new();

    /// <summary>
    /// Gets or sets the board's search by applied date, when it has one: a run that has a watermark asks for the applicants
    /// who applied at or after it, so a rerun with nothing new reads a short first page instead of a full one.
    /// </summary>
    public HtmlSinceFilterDefinition? Since { get; set; }

    /// <summary>Gets or sets the selector of the link to the detail page, relative to a row.</summary>
    public string? DetailLink { get; set; }

    /// <summary>Gets or sets the fields shown in the list, relative to a row.</summary>
    public HtmlApplicantFields Fields { get; set; } = new();
}

/// <summary>
/// The applicant list's search by applied date (応募日 from): a query parameter and the format of its value, written in the
/// board's time zone from the watermark (floored to the format's precision). The board must list every applicant who
/// applied at or after that value; its "next" links keep the search (with <see cref="HtmlPagingDefinition.PageParameter"/>
/// the connector keeps it).
/// </summary>
public sealed class HtmlSinceFilterDefinition
{
    /// <summary>Gets or sets the query parameter (for example <c>from</c>).</summary>
    public string Parameter { get; set; } = string.Empty;

    /// <summary>Gets or sets the .NET format of the value (invariant culture).</summary>
    /// <value>The default value is <c>yyyy-MM-dd</c>: the day, so the board's day-long search includes the watermark's own day.</value>
    public string Format { get; set; } = "yyyy-MM-dd";
}

/// <summary>How applicant pages follow each other: a "next" link, or a page number parameter.</summary>
public sealed class HtmlPagingDefinition
{
    /// <summary>Gets or sets the selector of the link to the next page.</summary>
    public string? NextLink { get; set; } = "a[rel=next]";

    /// <summary>Gets or sets the query parameter of the page number (used when <see cref="NextLink"/> is empty).</summary>
    public string? PageParameter { get; set; }

    /// <summary>Gets or sets the number of the first page.</summary>
    /// <value>The default value is 1.</value>
    public int FirstPage { get; set; } = 1;

    /// <summary>Gets or sets the most pages read in one run (a guard against a board that loops).</summary>
    /// <value>The default value is 1000.</value>
    public int MaxPages { get; set; } = 1000;
}

/// <summary>The applicant detail page.</summary>
public sealed class HtmlDetailDefinition
{
    /// <summary>Gets or sets the encoding used when the page declares none.</summary>
    public string? Encoding { get; set; }

    /// <summary>Gets or sets the fields.</summary>
    public HtmlApplicantFields Fields { get; set; } = new();

    /// <summary>Gets or sets the selector of attachment links (résumés).</summary>
    public string? Attachments { get; set; }
}

/// <summary>The fields of an applicant (in a list row or on a detail page).</summary>
public sealed class HtmlApplicantFields
{
    /// <summary>Gets or sets the board's applicant id.</summary>
    public HtmlField? Id { get; set; }

    /// <summary>Gets or sets the full name (氏名).</summary>
    public HtmlField? Name { get; set; }

    /// <summary>Gets or sets the family name (姓), when shown apart.</summary>
    public HtmlField? FamilyName { get; set; }

    /// <summary>Gets or sets the given name (名), when shown apart.</summary>
    public HtmlField? GivenName { get; set; }

    /// <summary>Gets or sets the reading (フリガナ).</summary>
    public HtmlField? Phonetic { get; set; }

    /// <summary>Gets or sets the birth date (生年月日).</summary>
    public HtmlField? BirthDate { get; set; }

    /// <summary>Gets or sets the gender (性別).</summary>
    public HtmlField? Gender { get; set; }

    /// <summary>Gets or sets the phone numbers (every match is one number).</summary>
    public IList<HtmlField> Phones { get; set; } = [];

    /// <summary>Gets or sets the e-mail addresses (every match is one address, kept as written).</summary>
    public IList<HtmlField> Emails { get; set; } = [];

    /// <summary>Gets or sets when the candidate applied.</summary>
    public HtmlField? AppliedAt { get; set; }

    /// <summary>Gets or sets the posting's id.</summary>
    public HtmlField? PostingId { get; set; }

    /// <summary>Gets or sets the posting's title.</summary>
    public HtmlField? PostingTitle { get; set; }

    /// <summary>Gets or sets further fields kept as they are: label → field.</summary>
    public IDictionary<string, HtmlField> Extra { get; set; } = new Dictionary<string, HtmlField>(StringComparer.Ordinal);
}

/// <summary>
/// One field: a CSS selector, and the attribute to read (the text content when none). In JSON, a plain string is a
/// selector; an object gives <c>selector</c>, <c>attribute</c> and <c>required</c>.
/// </summary>
public sealed class HtmlField
{
    /// <summary>Gets or sets the CSS selector.</summary>
    public string Selector { get; set; } = string.Empty;

    /// <summary>Gets or sets the attribute to read, or <see langword="null"/> for the element's text.</summary>
    public string? Attribute { get; set; }

    /// <summary>Gets or sets whether a page without it means the layout changed.</summary>
    public bool Required { get; set; }

    /// <inheritdoc />
    public override string ToString() => Attribute is null ? Selector : $"{Selector}@{Attribute}";
}

/// <summary>Reads an <see cref="HtmlField"/> from a string (a selector) or an object.</summary>
internal sealed class HtmlFieldJsonConverter : JsonConverter<HtmlField>
{
    public override HtmlField? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new HtmlField { Selector = reader.GetString() ?? string.Empty };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A field is a selector string or an object with 'selector'.");
        }

        var field = new HtmlField();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "selector": field.Selector = reader.GetString() ?? string.Empty; break;
                case "attribute": field.Attribute = reader.GetString(); break;
                case "required": field.Required = reader.GetBoolean(); break;
                default: throw new JsonException($"Unknown field property '{name}'.");
            }
        }

        return field;
    }

    public override void Write(Utf8JsonWriter writer, HtmlField value, JsonSerializerOptions options)
    {
        if (value.Attribute is null && !value.Required)
        {
            writer.WriteStringValue(value.Selector);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("selector", value.Selector);
        if (value.Attribute is not null)
        {
            writer.WriteString("attribute", value.Attribute);
        }

        if (value.Required)
        {
            writer.WriteBoolean("required", true);
        }

        writer.WriteEndObject();
    }
}

/// <summary>A board definition cannot be used; the message lists every problem.</summary>
public sealed class HtmlBoardDefinitionException : RecruitingException
{
    /// <summary>Initializes a new instance of the <see cref="HtmlBoardDefinitionException"/> class.</summary>
    public HtmlBoardDefinitionException()
        : this("The board definition cannot be used.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HtmlBoardDefinitionException"/> class.</summary>
    /// <param name="message">The message.</param>
    public HtmlBoardDefinitionException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HtmlBoardDefinitionException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HtmlBoardDefinitionException(string message, Exception? innerException)
        : base("invalidBoardDefinition", message, innerException)
    {
    }
}
