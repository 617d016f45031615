namespace Slots.Api.IntegrationTests.Contract;

/// <summary>
/// On every test client: each response is checked against the document (<see cref="ResponseContract"/>) before the
/// test sees it, and a response that breaks it fails the test that received it.
/// </summary>
public sealed class ContractCheckingHandler : DelegatingHandler
{
    public ContractCheckingHandler()
    {
    }

    public ContractCheckingHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var broken = ResponseContract.Instance.Check(request.Method.Method, request.RequestUri!.AbsolutePath, response, body);
        return broken.Count == 0
            ? response
            : throw new ContractViolationException($"{request.Method} {request.RequestUri.PathAndQuery}: {string.Join("\n", broken)}");
    }
}

public sealed class ContractViolationException(string message) : Exception(message);
