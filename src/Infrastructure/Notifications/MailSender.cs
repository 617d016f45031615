using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace Slots.Infrastructure.Notifications;

/// <summary>
/// Sends a batch of messages over one SMTP connection (MailKit), and says how each went. A server that cannot be reached
/// fails them all; a message the server refuses fails alone. Never throws for the server's sake.
/// </summary>
internal sealed class MailSender(MailOptions options)
{
    /// <summary>The error of each message, in order; null for one the server took.</summary>
    public async Task<string?[]> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken)
    {
        var errors = new string?[messages.Count];
        if (messages.Count == 0)
        {
            return errors;
        }

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host!, options.Port, options.Security, cancellationToken);
            if (!string.IsNullOrEmpty(options.User))
            {
                await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException
            or SmtpCommandException or SmtpProtocolException or TimeoutException or OperationCanceledException or ServiceNotConnectedException
            or MailKit.Security.SslHandshakeException)
        {
            Array.Fill(errors, Cut($"The mail server could not be reached: {e.Message}"));
            return errors;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            try
            {
                await client.SendAsync(messages[i], cancellationToken);
            }
            catch (SmtpCommandException e)
            {
                errors[i] = Cut($"The mail server refused it: {(int)e.StatusCode} {e.Message}");
            }
            catch (Exception e) when (e is IOException or SmtpProtocolException or TimeoutException or ServiceNotConnectedException or OperationCanceledException)
            {
                // The connection is gone: this one and every one after it are tried again later.
                for (var j = i; j < messages.Count; j++)
                {
                    errors[j] = Cut($"The mail server connection failed: {e.Message}");
                }

                return errors;
            }
        }

        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SmtpProtocolException or TimeoutException or OperationCanceledException)
        {
            // Every message was taken; a QUIT that fails changes nothing.
        }

        return errors;
    }

    private static string Cut(string error) => error.Length > 500 ? error[..500] : error;
}
