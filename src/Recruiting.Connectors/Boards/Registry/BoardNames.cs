namespace Recruiting.Connectors.Boards;

/// <summary>The exact service names of the boards registered by default.</summary>
public static class BoardNames
{
    /// <summary>マイナビ転職.</summary>
    public const string MynaviTenshoku = "マイナビ転職";

    /// <summary>エン転職.</summary>
    public const string EnTenshoku = "エン転職";

    /// <summary>doda Assist (only the 求人情報サービス of its service selection is imported).</summary>
    public const string DodaAssist = "doda Assist";

    /// <summary>type.</summary>
    public const string Type = "type";

    /// <summary>女の転職type.</summary>
    public const string WomensType = "女の転職type";

    /// <summary>Re就活.</summary>
    public const string ReShukatsu = "Re就活";

    /// <summary>The key of Re就活's second id, the person in charge (担当者ID).</summary>
    public const string PersonInChargeIdField = "personInChargeId";
}
