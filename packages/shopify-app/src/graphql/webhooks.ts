/** Shop-level subscriptions, for installs that do not declare them in `shopify.app.toml`. */
export const WEBHOOK_SUBSCRIPTION_CREATE_MUTATION = `#graphql
  mutation PasserelleWebhookSubscribe($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
      webhookSubscription { id topic }
      userErrors { field message }
    }
  }
`;
