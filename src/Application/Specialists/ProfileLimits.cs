namespace Slots.Application.Specialists;

/// <summary>The limits of a profile; the validator and the OpenAPI document state them, the columns are sized from them.</summary>
public static class ProfileLimits
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>A short introduction: a few paragraphs at most.</summary>
    public const int MaxIntroductionLength = 2000;

    public const int MaxServices = 20;

    public const int MaxServiceTitleLength = 100;

    public const int MaxServiceDescriptionLength = 500;

    /// <summary>A duration hint from 5 minutes to a day.</summary>
    public const int MinServiceMinutes = 5;

    public const int MaxServiceMinutes = 1440;

    /// <summary>The longest search text the directory takes.</summary>
    public const int MaxSearchLength = 100;
}
