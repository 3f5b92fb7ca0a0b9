namespace Recruiting.Samples.BoardSimulator.References;

/// <summary>A referee named by a candidate in the simulator.</summary>
/// <param name="Name">The referee's name.</param>
/// <param name="Token">The token of the referee's answer page.</param>
public sealed record SimulatedReferee(string Name, string Token)
{
    /// <summary>Gets or sets whether the referee has answered.</summary>
    public bool Answered { get; set; }
}

/// <summary>A reference check held by the simulator.</summary>
public sealed class SimulatedReferenceCheck
{
    internal SimulatedReferenceCheck(string id, string token)
    {
        Id = id;
        CandidateToken = token;
    }

    /// <summary>Gets the provider's id.</summary>
    public string Id { get; }

    /// <summary>Gets the token of the candidate's page.</summary>
    public string CandidateToken { get; }

    /// <summary>Gets the caller's id (externalId).</summary>
    public string ExternalId { get; internal set; } = string.Empty;

    /// <summary>Gets the API key the check was created with.</summary>
    public string ApiKey { get; internal set; } = string.Empty;

    /// <summary>Gets the sub-account.</summary>
    public string SubAccountId { get; internal set; } = string.Empty;

    /// <summary>Gets the template.</summary>
    public string TemplateId { get; internal set; } = string.Empty;

    /// <summary>Gets the language.</summary>
    public string Language { get; internal set; } = string.Empty;

    /// <summary>Gets the candidate's name.</summary>
    public string CandidateName { get; internal set; } = string.Empty;

    /// <summary>Gets the candidate's e-mail address.</summary>
    public string? CandidateEmail { get; internal set; }

    /// <summary>Gets the candidate's phone.</summary>
    public string? CandidatePhone { get; internal set; }

    /// <summary>Gets how the candidate is contacted.</summary>
    public string CandidateContact { get; internal set; } = "none";

    /// <summary>Gets how referees are contacted.</summary>
    public string RefereeContact { get; internal set; } = "none";

    /// <summary>Gets the callback URL.</summary>
    public Uri? CallbackUrl { get; internal set; }

    /// <summary>Gets the state as the contract's word.</summary>
    public string State { get; internal set; } = "requested";

    /// <summary>Gets the references asked for.</summary>
    public int Requested { get; internal set; }

    /// <summary>Gets the referees named.</summary>
    public List<SimulatedReferee> Referees { get; } = [];

    /// <summary>Gets the references answered.</summary>
    public int Answered => Referees.Count(r => r.Answered);

    /// <summary>Gets the sequence of the last change.</summary>
    public long Sequence { get; internal set; }

    /// <summary>Gets when it was created.</summary>
    public DateTimeOffset CreatedAt { get; internal set; }

    /// <summary>Gets when it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; internal set; }

    /// <summary>Gets the messages the simulator "sent" (to the candidate and referees), as channel:recipient.</summary>
    public List<string> Messages { get; } = [];
}

/// <summary>A callback the simulator sent (or tried to).</summary>
/// <param name="Url">Where it went.</param>
/// <param name="Body">The raw body, as signed.</param>
/// <param name="Timestamp">The X-Reference-Timestamp value.</param>
/// <param name="Signature">The X-Reference-Signature value.</param>
/// <param name="StatusCode">The receiver's status code; 0 when it could not be reached.</param>
public sealed record SimulatedCallback(Uri Url, byte[] Body, string Timestamp, string Signature, int StatusCode);

/// <summary>An API account of the simulator: key, webhook secret and catalog.</summary>
public sealed class SimulatedAccount
{
    /// <summary>Gets or sets the API key.</summary>
    public string ApiKey { get; set; } = "sim-api-key";

    /// <summary>Gets or sets the webhook signing secret.</summary>
    public string WebhookSecret { get; set; } = "sim-webhook-secret";

    /// <summary>Gets the sub-accounts: id, name, maximum references.</summary>
    public List<(string Id, string Name, int MaxReferences)> SubAccounts { get; } =
    [
        ("main", "Huvudkonto", 5),
        ("it", "IT-rekrytering", 3),
    ];

    /// <summary>Gets the languages: code, name.</summary>
    public List<(string Code, string Name)> Languages { get; } =
    [
        ("sv", "Svenska"),
        ("en", "English"),
    ];

    /// <summary>Gets the templates: id, name, language (every sub-account has them all).</summary>
    public List<(string Id, string Name, string Language)> Templates { get; } =
    [
        ("tpl-sv-standard", "Standardfrågor", "sv"),
        ("tpl-sv-chef", "Chefsroller", "sv"),
        ("tpl-en-standard", "Standard questions", "en"),
    ];
}
