using Slots.Domain.Common;

namespace Slots.Domain.UnitTests;

public class EmailAddressTests
{
    [Theory]
    [InlineData("Kate@Example.COM", "kate@example.com")]
    [InlineData("dr.ann+slots@example.co.uk", "dr.ann+slots@example.co.uk")]
    public void Normalizing_lower_cases_ascii_letters_only(string email, string normalized) =>
        Assert.Equal(normalized, EmailAddress.Normalize(email));

    [Fact]
    public void The_kelvin_sign_is_not_folded_into_a_k()
    {
        // Unicode lower-casing (ToLowerInvariant) maps U+212A to "k", which merged this address with Kate's.
        Assert.NotEqual("kate@example.com", EmailAddress.Normalize("\u212Aate@example.com"));
        Assert.False(EmailAddress.IsValid("\u212Aate@example.com"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("kate")]
    [InlineData("@example.com")]
    [InlineData("kate@")]
    [InlineData("kate@example")]
    [InlineData("kate@.com")]
    [InlineData("kate@example.")]
    [InlineData("ka te@example.com")]
    [InlineData(" kate@example.com")]
    [InlineData("kate@exampl\u0435.com")]
    [InlineData("kate@@example.com")]
    [InlineData("a@b@example.com")]
    public void Addresses_outside_printable_ascii_or_without_a_domain_are_refused(string email) =>
        Assert.False(EmailAddress.IsValid(email));

    [Fact]
    public void The_length_limit_is_254_characters()
    {
        var local = new string('a', 64) + "@";
        Assert.True(EmailAddress.IsValid(local + new string('b', 186) + ".io"));
        Assert.False(EmailAddress.IsValid(local + new string('b', 187) + ".io"));
    }
}
