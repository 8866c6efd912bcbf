import type { Image } from '@passerelle/core';
import type { Bridge } from '../bridge-context.js';
import { psText } from '../map/scalars.js';

/**
 * Sends the ERP's images (downloaded from their URLs, uploaded as multipart `image` to
 * `images/products/{id}`), after deleting the product's images when `deleteImagesFirst` asks it. The
 * image marked `cover` becomes the cover. Each image that cannot be sent is reported, not fatal.
 */
export async function sendImages(
  bridge: Bridge,
  productId: string,
  images: readonly Image[],
  options: { deleteFirst: boolean; currentImageIds: readonly string[] },
): Promise<string[]> {
  const notes: string[] = [];
  if (options.deleteFirst) {
    for (const imageId of options.currentImageIds) await bridge.client.deleteProductImage(productId, imageId);
  }
  let coverId: string | null = null;
  for (const image of [...images].sort((a, b) => a.position - b.position)) {
    try {
      const file = await bridge.fetchImage(image.url);
      const row = await bridge.client.uploadProductImage(productId, file);
      if (image.cover) coverId = psText(row.id);
    } catch (error) {
      notes.push(`image ${image.url} not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (coverId) await bridge.client.update('products', productId, { fields: { id_default_image: coverId } });
  if (images.some((image) => image.alt))
    notes.push('image alt texts are not written: the Webservice takes image files only');
  return notes;
}
