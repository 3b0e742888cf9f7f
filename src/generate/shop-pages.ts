/**
 * The pages of the imaginary shop. It lives on `shop.example`, a reserved domain, so no generated URL points at
 * a real site.
 */
export const SHOP_ORIGIN = 'https://shop.example';

export interface ShopPage {
  name: string;
  category: string | null;
  path: string;
  url: string;
  title: string;
}

export type ShopPageKind = 'home' | 'category' | 'landing' | 'sign-up' | 'log-in';

function page(name: string, category: string | null, path: string, title: string): ShopPage {
  return { name, category, path, url: `${SHOP_ORIGIN}${path}`, title: `${title} | Segmint Shop` };
}

/** `detail` is the category for category pages and the path for landing pages. */
export function shopPage(kind: ShopPageKind, detail = ''): ShopPage {
  switch (kind) {
    case 'home':
      return page('Home', null, '/', 'Home');
    case 'category':
      return page('Category', detail, `/c/${detail}`, detail.charAt(0).toUpperCase() + detail.slice(1));
    case 'landing':
      return page('Landing', null, detail, 'Offers');
    case 'sign-up':
      return page('Sign Up', null, '/account/sign-up', 'Create your account');
    case 'log-in':
      return page('Log In', null, '/account/log-in', 'Log in');
    default: {
      const unexpected: never = kind;
      throw new Error(`unknown page kind ${String(unexpected)}`);
    }
  }
}
